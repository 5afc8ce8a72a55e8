-- Releases before the composite ranking indexes created these; auto-migration
-- never dropped an index, so databases they made still carry them.
DROP INDEX IF EXISTS `evaluation_score`;
DROP INDEX IF EXISTS `evaluation_grade`;
DROP INDEX IF EXISTS `indicator_attainment`;
DROP INDEX IF EXISTS `indicator_score`;
-- Which definition of the kept values computed the stored ones (platform/store's
-- start-up backfill); it was created by the server itself before.
CREATE TABLE IF NOT EXISTS `kept_marks` (`version` integer NOT NULL);
