DROP INDEX `sync_run_active_idx`;--> statement-breakpoint
CREATE INDEX `sync_run_queued_idx` ON `sync_run` (`queued_at`) WHERE "sync_run"."status" = 'queued';