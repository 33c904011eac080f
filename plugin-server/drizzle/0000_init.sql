CREATE TABLE `partner` (
	`id` text PRIMARY KEY NOT NULL,
	`seat_pool_total` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customer` (
	`partner_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`domains` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `id`)
);
--> statement-breakpoint
CREATE TABLE `device` (
	`partner_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'offline' NOT NULL,
	`last_seen_at` integer,
	`is_main` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `device_main_idx` ON `device` (`partner_id`,`is_main`);--> statement-breakpoint
CREATE TABLE `organization` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`status` text NOT NULL,
	`onboarding_id` text,
	`tenant_id` text,
	`tenant_name` text,
	`primary_domain` text,
	`attention_reason` text,
	`attention_message` text,
	`attention_since` integer,
	`application_name` text NOT NULL,
	`license_mode` text NOT NULL,
	`default_device_id` text NOT NULL,
	`sync_interval_minutes` integer NOT NULL,
	`application_object_id` text,
	`application_app_id` text,
	`service_principal_id` text,
	`certificate_thumbprint` text,
	`certificate_key_id` text,
	`certificate_pem` text,
	`certificate_key_enc` text,
	`certificate_expires_at` integer,
	`connected_at` integer,
	`disconnected_at` integer,
	`next_sync_at` integer,
	`last_sync_at` integer,
	`last_sync_status` text,
	`last_sync_message` text,
	`delta_link_enc` text,
	`sync_failures` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `organization_partner_idx` ON `organization` (`partner_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `organization_live_customer_uq` ON `organization` (`partner_id`,`customer_id`) WHERE "organization"."status" <> 'disconnected';--> statement-breakpoint
CREATE UNIQUE INDEX `organization_live_tenant_uq` ON `organization` (`partner_id`,`tenant_id`) WHERE "organization"."status" <> 'disconnected' and "organization"."tenant_id" is not null;--> statement-breakpoint
CREATE INDEX `organization_next_sync_idx` ON `organization` (`next_sync_at`) WHERE "organization"."status" in ('connected', 'needs_attention');--> statement-breakpoint
CREATE TABLE `onboarding` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`batch_id` text,
	`technician_id` text,
	`technician_name` text,
	`status` text NOT NULL,
	`current_step` text NOT NULL,
	`steps` text NOT NULL,
	`settings` text NOT NULL,
	`next_run_at` integer,
	`lease_owner` text,
	`lease_until` integer,
	`device_code_enc` text,
	`user_code` text,
	`verification_uri` text,
	`code_issued_at` integer,
	`code_expires_at` integer,
	`poll_interval_seconds` integer,
	`code_renewals` integer DEFAULT 0 NOT NULL,
	`watched_at` integer,
	`access_token_enc` text,
	`refresh_token_enc` text,
	`access_token_expires_at` integer,
	`sign_in_method` text,
	`tenant` text,
	`sign_in_tenant_id` text,
	`consented_by` text,
	`domain_mismatch` text,
	`tenant_confirmed` integer DEFAULT false NOT NULL,
	`application_object_id` text,
	`application_app_id` text,
	`service_principal_id` text,
	`granted_permissions` text DEFAULT '[]' NOT NULL,
	`certificate_key_id` text,
	`certificate_thumbprint` text,
	`certificate_pem` text,
	`certificate_key_enc` text,
	`certificate_expires_at` integer,
	`certificate_registered` integer DEFAULT false NOT NULL,
	`failure` text,
	`summary` text,
	`finished_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `onboarding_due_idx` ON `onboarding` (`next_run_at`) WHERE "onboarding"."status" in ('awaiting_sign_in', 'queued', 'configuring');--> statement-breakpoint
CREATE INDEX `onboarding_customer_idx` ON `onboarding` (`partner_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `onboarding_batch_idx` ON `onboarding` (`batch_id`);--> statement-breakpoint
CREATE TABLE `audit_record` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`kind` text NOT NULL,
	`organization_id` text,
	`onboarding_id` text,
	`customer_id` text NOT NULL,
	`technician_id` text,
	`consented_by` text,
	`tenant_id` text,
	`tenant_name` text,
	`application_id` text,
	`permissions_granted` text DEFAULT '[]' NOT NULL,
	`certificate_thumbprint` text,
	`certificate_expires_at` integer,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`outcome` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_record_org_idx` ON `audit_record` (`partner_id`,`organization_id`);--> statement-breakpoint
CREATE INDEX `audit_record_onboarding_idx` ON `audit_record` (`onboarding_id`);--> statement-breakpoint
CREATE TABLE `tenant_user` (
	`organization_id` text NOT NULL,
	`id` text NOT NULL,
	`partner_id` text NOT NULL,
	`user_principal_name` text NOT NULL,
	`display_name` text,
	`mail` text,
	`account_enabled` integer NOT NULL,
	`user_type` text NOT NULL,
	`is_shared_mailbox` integer DEFAULT false NOT NULL,
	`has_mailbox` integer DEFAULT false NOT NULL,
	`has_one_drive` integer DEFAULT false NOT NULL,
	`mailbox_purpose_known` integer DEFAULT false NOT NULL,
	`deleted_in_tenant` integer DEFAULT false NOT NULL,
	`licensed` integer DEFAULT false NOT NULL,
	`licensed_at` integer,
	`unlicensed_reason` text,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `tenant_user_upn_idx` ON `tenant_user` (`organization_id`,`user_principal_name`);--> statement-breakpoint
CREATE INDEX `tenant_user_name_idx` ON `tenant_user` (`organization_id`,`display_name`);--> statement-breakpoint
CREATE INDEX `tenant_user_licensed_idx` ON `tenant_user` (`partner_id`,`licensed`) WHERE "tenant_user"."licensed" = 1;--> statement-breakpoint
CREATE TABLE `onboarding_batch` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`technician_id` text,
	`settings` text NOT NULL,
	`rejected` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `onboarding_batch_partner_idx` ON `onboarding_batch` (`partner_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `hook_receipt` (
	`partner_id` text NOT NULL,
	`webhook_id` text NOT NULL,
	`status` integer NOT NULL,
	`body` text,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `webhook_id`)
);
--> statement-breakpoint
CREATE TABLE `outbox_event` (
	`sequence` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`partner_id` text NOT NULL,
	`organization_id` text,
	`type` text NOT NULL,
	`envelope` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_event_id_unique` ON `outbox_event` (`id`);--> statement-breakpoint
CREATE INDEX `outbox_event_pending_idx` ON `outbox_event` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_event_partner_idx` ON `outbox_event` (`partner_id`,`sequence`);