-- Issue 11, the data the forms hold: new columns are added in place (SQLite's
-- ADD COLUMN with a constant default) rather than by the table rebuild the
-- planner wrote, which copied every indicator of a large database.
-- Add columns to "department_years" table
ALTER TABLE `department_years` ADD COLUMN `goal_outcome` text NOT NULL DEFAULT ('');
ALTER TABLE `department_years` ADD COLUMN `basic_initial_budget` integer NOT NULL DEFAULT (0);
ALTER TABLE `department_years` ADD COLUMN `project_initial_budget` integer NOT NULL DEFAULT (0);
-- Add columns to "indicators" table
ALTER TABLE `indicators` ADD COLUMN `scoring_criteria` text NOT NULL DEFAULT ('');
-- Add columns to "projects" table
ALTER TABLE `projects` ADD COLUMN `supervising_department` text NOT NULL DEFAULT ('');
ALTER TABLE `projects` ADD COLUMN `implementing_unit` text NOT NULL DEFAULT ('');
ALTER TABLE `projects` ADD COLUMN `initial_budget` integer NOT NULL DEFAULT (0);
ALTER TABLE `projects` ADD COLUMN `goal_outcome` text NOT NULL DEFAULT ('');
-- Create "funding_lines" table
CREATE TABLE `funding_lines` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `version` integer NOT NULL DEFAULT (1), `category` text NOT NULL, `initial_budget` integer NOT NULL DEFAULT (0), `adjusted_budget` integer NOT NULL DEFAULT (0), `executed` integer NOT NULL DEFAULT (0), `department_year_id` integer NOT NULL, `project_id` integer NULL, CONSTRAINT `funding_lines_department_years_funding_lines` FOREIGN KEY (`department_year_id`) REFERENCES `department_years` (`id`) ON DELETE NO ACTION, CONSTRAINT `funding_lines_projects_funding_lines` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE SET NULL);
-- Set sequence for "funding_lines" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("funding_lines", 55834574848);
-- Create index "fundingline_department_year_id_category" to table: "funding_lines"
CREATE UNIQUE INDEX `fundingline_department_year_id_category` ON `funding_lines` (`department_year_id`, `category`) WHERE project_id IS NULL;
-- Create index "fundingline_project_id_category" to table: "funding_lines"
CREATE UNIQUE INDEX `fundingline_project_id_category` ON `funding_lines` (`project_id`, `category`) WHERE project_id IS NOT NULL;
