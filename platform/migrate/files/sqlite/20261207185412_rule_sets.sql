-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_evaluations" table
CREATE TABLE `new_evaluations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `status` text NOT NULL DEFAULT ('DRAFT'), `conclusion` text NOT NULL DEFAULT (''), `problems` text NOT NULL DEFAULT (''), `improvements` text NOT NULL DEFAULT (''), `execution_explanation` text NOT NULL DEFAULT (''), `review_comment` text NOT NULL DEFAULT (''), `submitted_at` datetime NULL, `score` integer NOT NULL DEFAULT (0), `grade` text NOT NULL DEFAULT ('POOR'), `execution_rate` integer NULL, `execution_score` integer NULL, `department_year_id` integer NOT NULL, `project_id` integer NULL, `rule_set_id` integer NULL, CONSTRAINT `evaluations_department_years_evaluations` FOREIGN KEY (`department_year_id`) REFERENCES `department_years` (`id`) ON DELETE NO ACTION, CONSTRAINT `evaluations_projects_evaluations` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE SET NULL, CONSTRAINT `evaluations_rule_sets_evaluations` FOREIGN KEY (`rule_set_id`) REFERENCES `rule_sets` (`id`) ON DELETE SET NULL);
-- Set sequence for "new_evaluations" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_evaluations", 8589934592);
-- Copy rows from old table "evaluations" to new temporary table "new_evaluations"
INSERT INTO `new_evaluations` (`id`, `created_at`, `updated_at`, `version`, `status`, `conclusion`, `problems`, `improvements`, `execution_explanation`, `review_comment`, `submitted_at`, `score`, `grade`, `execution_rate`, `execution_score`, `department_year_id`, `project_id`) SELECT `id`, `created_at`, `updated_at`, `version`, `status`, `conclusion`, `problems`, `improvements`, `execution_explanation`, `review_comment`, `submitted_at`, `score`, `grade`, `execution_rate`, `execution_score`, `department_year_id`, `project_id` FROM `evaluations`;
-- Drop "evaluations" table after copying rows
DROP TABLE `evaluations`;
-- Rename temporary table "new_evaluations" to "evaluations"
ALTER TABLE `new_evaluations` RENAME TO `evaluations`;
-- Create index "evaluation_department_year_id" to table: "evaluations"
CREATE UNIQUE INDEX `evaluation_department_year_id` ON `evaluations` (`department_year_id`) WHERE project_id IS NULL;
-- Create index "evaluation_project_id" to table: "evaluations"
CREATE UNIQUE INDEX `evaluation_project_id` ON `evaluations` (`project_id`) WHERE project_id IS NOT NULL;
-- Create index "evaluation_project_id_score" to table: "evaluations"
CREATE INDEX `evaluation_project_id_score` ON `evaluations` (`project_id`, `score`);
-- Create index "evaluation_project_id_grade" to table: "evaluations"
CREATE INDEX `evaluation_project_id_grade` ON `evaluations` (`project_id`, `grade`);
-- Create "rule_sets" table
CREATE TABLE `rule_sets` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `year` integer NOT NULL, `version` integer NOT NULL, `name` text NOT NULL, `sources` text NOT NULL DEFAULT (''), `reverse_rule` text NOT NULL, `equal_like_at_least` bool NOT NULL, `deviation_below` integer NOT NULL, `deviation_at_or_above` integer NOT NULL, `execution_explanation_below` integer NOT NULL, `execution_weight` integer NOT NULL, `output_weight` integer NOT NULL, `benefit_weight` integer NOT NULL, `satisfaction_weight` integer NOT NULL, `check_weight_split` bool NOT NULL, `excellent_from` integer NOT NULL, `good_from` integer NOT NULL, `fair_from` integer NOT NULL, `achieved_from` integer NOT NULL, `partial_from` integer NOT NULL, `created_at` datetime NOT NULL, `created_by_id` integer NULL, `created_by_name` text NOT NULL DEFAULT (''), `region_id` integer NULL, CONSTRAINT `rule_sets_departments_region` FOREIGN KEY (`region_id`) REFERENCES `departments` (`id`) ON DELETE SET NULL);
-- Set sequence for "rule_sets" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("rule_sets", 64424509440);
-- Create index "ruleset_year_region_id_version" to table: "rule_sets"
CREATE UNIQUE INDEX `ruleset_year_region_id_version` ON `rule_sets` (`year`, `region_id`, `version`) WHERE region_id IS NOT NULL;
-- Create index "ruleset_year_version" to table: "rule_sets"
CREATE UNIQUE INDEX `ruleset_year_version` ON `rule_sets` (`year`, `version`) WHERE region_id IS NULL;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
