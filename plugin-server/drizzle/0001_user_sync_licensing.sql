CREATE TABLE `sync_run` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`kind` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`queued_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`users_added` integer DEFAULT 0 NOT NULL,
	`users_changed` integer DEFAULT 0 NOT NULL,
	`users_removed` integer DEFAULT 0 NOT NULL,
	`pages` integer DEFAULT 0 NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`throttle_waits` integer DEFAULT 0 NOT NULL,
	`throttle_wait_ms` integer DEFAULT 0 NOT NULL,
	`error_code` text,
	`error_message` text
);
--> statement-breakpoint
CREATE INDEX `sync_run_organization_idx` ON `sync_run` (`organization_id`,`queued_at`);--> statement-breakpoint
CREATE INDEX `sync_run_active_idx` ON `sync_run` (`status`,`queued_at`) WHERE "sync_run"."status" in ('queued', 'running');--> statement-breakpoint
CREATE TABLE `license_change` (
	`sequence` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`user_id` text NOT NULL,
	`user_principal_name` text NOT NULL,
	`action` text NOT NULL,
	`reason` text NOT NULL,
	`actor` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `license_change_organization_idx` ON `license_change` (`organization_id`,`sequence`);--> statement-breakpoint
DROP INDEX `tenant_user_upn_idx`;--> statement-breakpoint
DROP INDEX `tenant_user_name_idx`;--> statement-breakpoint
DROP INDEX `tenant_user_licensed_idx`;--> statement-breakpoint
ALTER TABLE `tenant_user` ADD `has_exchange_plan` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `tenant_user` ADD `changed_at` integer;--> statement-breakpoint
ALTER TABLE `tenant_user` ADD `deleted_at` integer;--> statement-breakpoint
CREATE INDEX `tenant_user_candidate_idx` ON `tenant_user` (`organization_id`,`first_seen_at`,`user_principal_name`,`id`) WHERE "tenant_user"."licensed" = 0 and "tenant_user"."deleted_in_tenant" = 0 and "tenant_user"."user_type" = 'member' and ("tenant_user"."has_mailbox" = 1 or "tenant_user"."has_one_drive" = 1);--> statement-breakpoint
CREATE INDEX `tenant_user_lookup_idx` ON `tenant_user` (`organization_id`,`id`) WHERE "tenant_user"."mailbox_purpose_known" = 0 and "tenant_user"."has_exchange_plan" = 0 and "tenant_user"."user_type" = 'member' and "tenant_user"."deleted_in_tenant" = 0;--> statement-breakpoint
CREATE INDEX `tenant_user_upn_idx` ON `tenant_user` (`organization_id`,"user_principal_name" collate nocase,`id`);--> statement-breakpoint
CREATE INDEX `tenant_user_name_idx` ON `tenant_user` (`organization_id`,"display_name" collate nocase);--> statement-breakpoint
CREATE INDEX `tenant_user_licensed_idx` ON `tenant_user` (`partner_id`,`organization_id`) WHERE "tenant_user"."licensed" = 1;