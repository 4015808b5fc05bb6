-- A handler's cases newest first: the list filtered by handler in its default order. Without
-- this the list read every case of the handler to sort them (82 ms a page for a handler of one
-- in twenty of a million cases, on SQLite); with it, the first 1,001 in order (1.3 ms). The
-- number is the same on both databases; SQLite has no 0022 (PostgreSQL's words table).
CREATE INDEX cases_handler_received ON cases (current_handler, received_on);
