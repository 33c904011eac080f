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
CREATE INDEX `device_main_idx` ON `device` (`partner_id`,`is_main`);