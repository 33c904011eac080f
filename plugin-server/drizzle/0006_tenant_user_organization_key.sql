ALTER TABLE `organization` ADD `user_key` integer NOT NULL DEFAULT 0;--> statement-breakpoint
UPDATE `organization` SET `user_key` = rowid;--> statement-breakpoint
CREATE UNIQUE INDEX `organization_user_key_uq` ON `organization` (`user_key`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_tenant_user` (
	`organization_key` integer NOT NULL,
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
	`has_exchange_plan` integer DEFAULT false NOT NULL,
	`mailbox_purpose_known` integer DEFAULT false NOT NULL,
	`deleted_in_tenant` integer DEFAULT false NOT NULL,
	`licensed` integer DEFAULT false NOT NULL,
	`licensed_at` integer,
	`unlicensed_reason` text,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`changed_at` integer,
	`deleted_at` integer,
	PRIMARY KEY(`organization_key`, `id`)
);
--> statement-breakpoint
INSERT INTO `__new_tenant_user`("organization_key", "id", "partner_id", "user_principal_name", "display_name", "mail", "account_enabled", "user_type", "is_shared_mailbox", "has_mailbox", "has_one_drive", "has_exchange_plan", "mailbox_purpose_known", "deleted_in_tenant", "licensed", "licensed_at", "unlicensed_reason", "first_seen_at", "last_seen_at", "changed_at", "deleted_at") SELECT (SELECT `user_key` FROM `organization` WHERE `organization`.`id` = `tenant_user`.`organization_id`), "id", "partner_id", "user_principal_name", "display_name", "mail", "account_enabled", "user_type", "is_shared_mailbox", "has_mailbox", "has_one_drive", "has_exchange_plan", "mailbox_purpose_known", "deleted_in_tenant", "licensed", "licensed_at", "unlicensed_reason", "first_seen_at", "last_seen_at", "changed_at", "deleted_at" FROM `tenant_user` WHERE `organization_id` IN (SELECT `id` FROM `organization`);--> statement-breakpoint
DROP TABLE `tenant_user`;--> statement-breakpoint
ALTER TABLE `__new_tenant_user` RENAME TO `tenant_user`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `tenant_user_upn_idx` ON `tenant_user` (`organization_key`,"user_principal_name" collate nocase,`id`);--> statement-breakpoint
CREATE INDEX `tenant_user_name_idx` ON `tenant_user` (`organization_key`,"display_name" collate nocase);--> statement-breakpoint
CREATE INDEX `tenant_user_licensed_idx` ON `tenant_user` (`partner_id`,`organization_key`) WHERE "tenant_user"."licensed" = 1;--> statement-breakpoint
CREATE INDEX `tenant_user_candidate_idx` ON `tenant_user` (`organization_key`,`first_seen_at`) WHERE "tenant_user"."licensed" = 0 and "tenant_user"."deleted_in_tenant" = 0 and "tenant_user"."user_type" = 'member' and ("tenant_user"."has_mailbox" = 1 or "tenant_user"."has_one_drive" = 1);--> statement-breakpoint
CREATE INDEX `tenant_user_lookup_idx` ON `tenant_user` (`organization_key`,`id`) WHERE "tenant_user"."mailbox_purpose_known" = 0 and "tenant_user"."has_exchange_plan" = 0 and "tenant_user"."user_type" = 'member' and "tenant_user"."deleted_in_tenant" = 0;
