-- 0009: the index of one day's slots as every channel reads them (the
-- booking library's BSQL_DAY_FREE: the public day page, the partner
-- API's availability). With slot_key (site, level, channel, start_utc)
-- alone that query read every slot of the site's offered levels, all
-- days; this one reads the day's rows of the channel only. (0008 is the
-- document store's.)
ALTER TABLE slot_quota
	ADD KEY slot_site_day (site_id, local_day, channel, level_id);
