-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_indicators" table
CREATE TABLE `new_indicators` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `position` integer NOT NULL DEFAULT (0), `level1` text NOT NULL, `level2` text NOT NULL, `name` text NOT NULL, `kind` text NOT NULL, `operator` text NULL, `target` integer NULL, `unit` text NOT NULL DEFAULT (''), `weight` integer NOT NULL, `actual` integer NULL, `binding` text NULL, `rating` text NULL, `rated_score` integer NULL, `deviation_reason` text NOT NULL DEFAULT (''), `scoring_criteria` text NOT NULL DEFAULT (''), `effective_actual` integer NULL, `completion_rate` integer NULL, `score` integer NOT NULL DEFAULT (0), `attainment` integer NOT NULL DEFAULT (0), `deviation_required` bool NOT NULL DEFAULT (false), `department_year_id` integer NOT NULL, `library_indicator_id` integer NULL, `project_id` integer NULL, CONSTRAINT `indicators_department_years_indicators` FOREIGN KEY (`department_year_id`) REFERENCES `department_years` (`id`) ON DELETE NO ACTION, CONSTRAINT `indicators_library_indicators_indicators` FOREIGN KEY (`library_indicator_id`) REFERENCES `library_indicators` (`id`) ON DELETE SET NULL, CONSTRAINT `indicators_projects_indicators` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE SET NULL);
-- Set sequence for "new_indicators" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_indicators", 12884901888);
-- Copy rows from old table "indicators" to new temporary table "new_indicators"
INSERT INTO `new_indicators` (`id`, `created_at`, `updated_at`, `version`, `position`, `level1`, `level2`, `name`, `kind`, `operator`, `target`, `unit`, `weight`, `actual`, `binding`, `rating`, `rated_score`, `deviation_reason`, `scoring_criteria`, `effective_actual`, `completion_rate`, `score`, `attainment`, `deviation_required`, `department_year_id`, `project_id`) SELECT `id`, `created_at`, `updated_at`, `version`, `position`, `level1`, `level2`, `name`, `kind`, `operator`, `target`, `unit`, `weight`, `actual`, `binding`, `rating`, `rated_score`, `deviation_reason`, `scoring_criteria`, `effective_actual`, `completion_rate`, `score`, `attainment`, `deviation_required`, `department_year_id`, `project_id` FROM `indicators`;
-- Drop "indicators" table after copying rows
DROP TABLE `indicators`;
-- Rename temporary table "new_indicators" to "indicators"
ALTER TABLE `new_indicators` RENAME TO `indicators`;
-- Create index "indicator_department_year_id_project_id_position" to table: "indicators"
CREATE INDEX `indicator_department_year_id_project_id_position` ON `indicators` (`department_year_id`, `project_id`, `position`);
-- Create index "indicator_project_id" to table: "indicators"
CREATE INDEX `indicator_project_id` ON `indicators` (`project_id`);
-- Create index "indicator_library_indicator_id" to table: "indicators"
CREATE INDEX `indicator_library_indicator_id` ON `indicators` (`library_indicator_id`);
-- Create index "indicator_attainment_id" to table: "indicators"
CREATE INDEX `indicator_attainment_id` ON `indicators` (`attainment`, `id`);
-- Create index "indicator_score_id" to table: "indicators"
CREATE INDEX `indicator_score_id` ON `indicators` (`score`, `id`);
-- Create "new_projects" table
CREATE TABLE `new_projects` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `code` text NOT NULL DEFAULT (''), `name` text NOT NULL, `category` text NOT NULL DEFAULT (''), `supervising_department` text NOT NULL DEFAULT (''), `implementing_unit` text NOT NULL DEFAULT (''), `initial_budget` integer NOT NULL DEFAULT (0), `budget` integer NOT NULL DEFAULT (0), `executed` integer NOT NULL DEFAULT (0), `goal` text NOT NULL DEFAULT (''), `goal_outcome` text NOT NULL DEFAULT (''), `continues_next_year` bool NOT NULL DEFAULT (true), `execution_rate` integer NULL, `execution_score` integer NOT NULL DEFAULT (0), `department_year_id` integer NOT NULL, CONSTRAINT `projects_department_years_projects` FOREIGN KEY (`department_year_id`) REFERENCES `department_years` (`id`) ON DELETE NO ACTION);
-- Set sequence for "new_projects" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_projects", 25769803776);
-- Copy rows from old table "projects" to new temporary table "new_projects"
INSERT INTO `new_projects` (`id`, `created_at`, `updated_at`, `version`, `code`, `name`, `category`, `supervising_department`, `implementing_unit`, `initial_budget`, `budget`, `executed`, `goal`, `goal_outcome`, `execution_rate`, `execution_score`, `department_year_id`) SELECT `id`, `created_at`, `updated_at`, `version`, `code`, `name`, `category`, `supervising_department`, `implementing_unit`, `initial_budget`, `budget`, `executed`, `goal`, `goal_outcome`, `execution_rate`, `execution_score`, `department_year_id` FROM `projects`;
-- Drop "projects" table after copying rows
DROP TABLE `projects`;
-- Rename temporary table "new_projects" to "projects"
ALTER TABLE `new_projects` RENAME TO `projects`;
-- Create index "project_department_year_id_code" to table: "projects"
CREATE UNIQUE INDEX `project_department_year_id_code` ON `projects` (`department_year_id`, `code`) WHERE code <> '';
-- Create "library_indicators" table
CREATE TABLE `library_indicators` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `scope` text NOT NULL, `level1` text NOT NULL, `level2` text NOT NULL, `name` text NOT NULL, `kind` text NOT NULL, `operator` text NULL, `unit` text NOT NULL DEFAULT (''), `scoring_criteria` text NOT NULL DEFAULT (''), `binding` text NULL, `target_min` integer NULL, `target_max` integer NULL, `weight` integer NULL, `tags` json NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `review_comment` text NOT NULL DEFAULT (''), `department_id` integer NULL, CONSTRAINT `library_indicators_departments_library_indicators` FOREIGN KEY (`department_id`) REFERENCES `departments` (`id`) ON DELETE SET NULL);
-- Set sequence for "library_indicators" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("library_indicators", 68719476736);
-- Create index "libraryindicator_scope_status" to table: "library_indicators"
CREATE INDEX `libraryindicator_scope_status` ON `library_indicators` (`scope`, `status`);
-- Create index "libraryindicator_department_id" to table: "library_indicators"
CREATE INDEX `libraryindicator_department_id` ON `library_indicators` (`department_id`);
-- Create "library_transitions" table
CREATE TABLE `library_transitions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `from` text NOT NULL, `to` text NOT NULL, `comment` text NOT NULL DEFAULT (''), `actor_id` integer NULL, `actor_name` text NOT NULL DEFAULT (''), `at` datetime NOT NULL, `library_indicator_id` integer NOT NULL, CONSTRAINT `library_transitions_library_indicators_transitions` FOREIGN KEY (`library_indicator_id`) REFERENCES `library_indicators` (`id`) ON DELETE NO ACTION);
-- Set sequence for "library_transitions" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("library_transitions", 73014444032);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
