-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_attachments" table
CREATE TABLE `new_attachments` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `file_name` text NOT NULL, `content_type` text NOT NULL, `size` integer NOT NULL, `sha256` text NOT NULL, `storage` text NOT NULL, `uploaded_by_id` integer NULL, `uploaded_by_name` text NOT NULL DEFAULT (''), `created_at` datetime NOT NULL, `indicator_id` integer NULL, `monitoring_entry_id` integer NULL, `rectification_id` integer NULL, CONSTRAINT `attachments_indicators_attachments` FOREIGN KEY (`indicator_id`) REFERENCES `indicators` (`id`) ON DELETE SET NULL, CONSTRAINT `attachments_monitoring_entries_attachments` FOREIGN KEY (`monitoring_entry_id`) REFERENCES `monitoring_entries` (`id`) ON DELETE SET NULL, CONSTRAINT `attachments_rectifications_attachments` FOREIGN KEY (`rectification_id`) REFERENCES `rectifications` (`id`) ON DELETE SET NULL);
-- Set sequence for "new_attachments" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_attachments", 81604378624);
-- Copy rows from old table "attachments" to new temporary table "new_attachments"
INSERT INTO `new_attachments` (`id`, `file_name`, `content_type`, `size`, `sha256`, `storage`, `uploaded_by_id`, `uploaded_by_name`, `created_at`, `indicator_id`) SELECT `id`, `file_name`, `content_type`, `size`, `sha256`, `storage`, `uploaded_by_id`, `uploaded_by_name`, `created_at`, `indicator_id` FROM `attachments`;
-- Drop "attachments" table after copying rows
DROP TABLE `attachments`;
-- Rename temporary table "new_attachments" to "attachments"
ALTER TABLE `new_attachments` RENAME TO `attachments`;
-- Create index "attachment_indicator_id" to table: "attachments"
CREATE INDEX `attachment_indicator_id` ON `attachments` (`indicator_id`);
-- Create index "attachment_monitoring_entry_id" to table: "attachments"
CREATE INDEX `attachment_monitoring_entry_id` ON `attachments` (`monitoring_entry_id`);
-- Create index "attachment_rectification_id" to table: "attachments"
CREATE INDEX `attachment_rectification_id` ON `attachments` (`rectification_id`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
