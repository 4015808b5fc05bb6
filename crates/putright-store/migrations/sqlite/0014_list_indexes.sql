-- The case list's commonest filters, each with the day received so a page of them comes
-- straight off the index in the list's order; and stages by handler, for "my cases".
CREATE INDEX cases_kind_received ON cases (kind, received_on);
CREATE INDEX cases_status_received ON cases (status, received_on);
CREATE INDEX cases_category_received ON cases (category, received_on);
CREATE INDEX cases_service_area_received ON cases (service_area, received_on);
CREATE INDEX stages_handler ON stages (handler);
