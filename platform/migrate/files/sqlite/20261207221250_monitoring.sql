-- Create "monitoring_entries" table
CREATE TABLE `monitoring_entries` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `indicator_id` integer NOT NULL, `value_to_date` integer NULL, `expected_override` integer NULL, `likelihood_override` text NULL, `override_reason` text NOT NULL DEFAULT (''), `cause_category` text NULL, `cause` text NOT NULL DEFAULT (''), `measure` text NOT NULL DEFAULT (''), `note` text NOT NULL DEFAULT (''), `report_id` integer NOT NULL, CONSTRAINT `monitoring_entries_monitoring_reports_entries` FOREIGN KEY (`report_id`) REFERENCES `monitoring_reports` (`id`) ON DELETE NO ACTION);
-- Set sequence for "monitoring_entries" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("monitoring_entries", 111669149696);
-- Create index "monitoringentry_report_id_indicator_id" to table: "monitoring_entries"
CREATE UNIQUE INDEX `monitoringentry_report_id_indicator_id` ON `monitoring_entries` (`report_id`, `indicator_id`);
-- Create "monitoring_reports" table
CREATE TABLE `monitoring_reports` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `point` text NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `budget_executed` integer NULL, `budget_expected_override` integer NULL, `budget_override_reason` text NOT NULL DEFAULT (''), `budget_cause` text NOT NULL DEFAULT (''), `budget_measure` text NOT NULL DEFAULT (''), `review_comment` text NOT NULL DEFAULT (''), `submitted_by_name` text NOT NULL DEFAULT (''), `submitted_at` datetime NULL, `reviewed_by_name` text NOT NULL DEFAULT (''), `reviewed_at` datetime NULL, `department_year_id` integer NOT NULL, `project_id` integer NULL, CONSTRAINT `monitoring_reports_department_years_monitoring_reports` FOREIGN KEY (`department_year_id`) REFERENCES `department_years` (`id`) ON DELETE NO ACTION, CONSTRAINT `monitoring_reports_projects_monitoring_reports` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE SET NULL);
-- Set sequence for "monitoring_reports" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("monitoring_reports", 115964116992);
-- Create index "monitoringreport_department_year_id_point" to table: "monitoring_reports"
CREATE UNIQUE INDEX `monitoringreport_department_year_id_point` ON `monitoring_reports` (`department_year_id`, `point`) WHERE project_id IS NULL;
-- Create index "monitoringreport_project_id_point" to table: "monitoring_reports"
CREATE UNIQUE INDEX `monitoringreport_project_id_point` ON `monitoring_reports` (`project_id`, `point`) WHERE project_id IS NOT NULL;
-- Create index "monitoringreport_status_submitted_at" to table: "monitoring_reports"
CREATE INDEX `monitoringreport_status_submitted_at` ON `monitoring_reports` (`status`, `submitted_at`);
