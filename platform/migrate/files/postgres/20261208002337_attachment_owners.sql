-- Modify "attachments" table
ALTER TABLE "attachments" ADD COLUMN "monitoring_entry_id" bigint NULL, ADD COLUMN "rectification_id" bigint NULL, ADD CONSTRAINT "attachments_monitoring_entries_attachments" FOREIGN KEY ("monitoring_entry_id") REFERENCES "monitoring_entries" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, ADD CONSTRAINT "attachments_rectifications_attachments" FOREIGN KEY ("rectification_id") REFERENCES "rectifications" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
-- Create index "attachment_monitoring_entry_id" to table: "attachments"
CREATE INDEX "attachment_monitoring_entry_id" ON "attachments" ("monitoring_entry_id");
-- Create index "attachment_rectification_id" to table: "attachments"
CREATE INDEX "attachment_rectification_id" ON "attachments" ("rectification_id");
