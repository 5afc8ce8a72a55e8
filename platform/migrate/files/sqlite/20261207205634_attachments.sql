-- Create "attachments" table
CREATE TABLE `attachments` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `file_name` text NOT NULL, `content_type` text NOT NULL, `size` integer NOT NULL, `sha256` text NOT NULL, `storage` text NOT NULL, `uploaded_by_id` integer NULL, `uploaded_by_name` text NOT NULL DEFAULT (''), `created_at` datetime NOT NULL, `indicator_id` integer NULL, CONSTRAINT `attachments_indicators_attachments` FOREIGN KEY (`indicator_id`) REFERENCES `indicators` (`id`) ON DELETE SET NULL);
-- Set sequence for "attachments" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("attachments", 81604378624);
-- Create index "attachment_indicator_id" to table: "attachments"
CREATE INDEX `attachment_indicator_id` ON `attachments` (`indicator_id`);
-- Create "attachment_contents" table
CREATE TABLE `attachment_contents` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `data` blob NOT NULL, `attachment_id` integer NOT NULL, CONSTRAINT `attachment_contents_attachments_content` FOREIGN KEY (`attachment_id`) REFERENCES `attachments` (`id`) ON DELETE NO ACTION);
-- Set sequence for "attachment_contents" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("attachment_contents", 85899345920);
-- Create index "attachment_contents_attachment_id_key" to table: "attachment_contents"
CREATE UNIQUE INDEX `attachment_contents_attachment_id_key` ON `attachment_contents` (`attachment_id`);
