-- Create "target_versions" table
CREATE TABLE `target_versions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `number` integer NOT NULL, `kind` text NOT NULL, `status` text NOT NULL DEFAULT ('SUBMITTED'), `reason` text NOT NULL DEFAULT (''), `entries` json NOT NULL, `submitted_by_id` integer NULL, `submitted_by_name` text NOT NULL DEFAULT (''), `review_comment` text NOT NULL DEFAULT (''), `reviewed_by_id` integer NULL, `reviewed_by_name` text NOT NULL DEFAULT (''), `reviewed_at` datetime NULL, `department_year_id` integer NOT NULL, CONSTRAINT `target_versions_department_years_target_versions` FOREIGN KEY (`department_year_id`) REFERENCES `department_years` (`id`) ON DELETE NO ACTION);
-- Set sequence for "target_versions" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("target_versions", 77309411328);
-- Create index "targetversion_department_year_id_number" to table: "target_versions"
CREATE UNIQUE INDEX `targetversion_department_year_id_number` ON `target_versions` (`department_year_id`, `number`);
-- Create index "targetversion_status_created_at" to table: "target_versions"
CREATE INDEX `targetversion_status_created_at` ON `target_versions` (`status`, `created_at`);
