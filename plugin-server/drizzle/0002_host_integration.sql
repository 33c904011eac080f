CREATE TABLE `share_link` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`partner_id` text NOT NULL,
	`onboarding_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `share_link_token_hash_unique` ON `share_link` (`token_hash`);--> statement-breakpoint
CREATE INDEX `share_link_onboarding_idx` ON `share_link` (`partner_id`,`onboarding_id`);--> statement-breakpoint
CREATE TABLE `credential_notice` (
	`organization_id` text NOT NULL,
	`thumbprint` text NOT NULL,
	`event_id` text NOT NULL,
	`notified_at` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `thumbprint`)
);
--> statement-breakpoint
ALTER TABLE `hook_receipt` ADD `request_hash` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_event_lane_idx` ON `outbox_event` (`status`,`partner_id`,`organization_id`,`sequence`);