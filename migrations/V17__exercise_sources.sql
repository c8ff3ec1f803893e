-- Each version keeps the folder it was made from (exercise.yaml as written, prompts, starter, tests, solutions) as a
-- zip, so that staff can download an exercise to copy and adapt it. Versions saved before keep none.
alter table exercise add column source_archive bytea;
