-- Which worker stored a grading's result: with several worker processes on several hosts, the one to look at
-- when a verdict needs explaining (and how a test shows that no job was graded twice).
alter table grading add column graded_by text;
