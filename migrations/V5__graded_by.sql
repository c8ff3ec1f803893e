-- Which worker stored a grading's result, and how many times a result was stored for it (1 when all is well:
-- only the holder of the current lease may store). With several worker processes on several hosts, the first is
-- the one to look at when a verdict needs explaining; the second makes "never graded twice" checkable.
alter table grading add column graded_by text;
alter table grading add column results_stored int not null default 0;
