/*
 * pages.h: havre-appointments' agent pages (configuration, call centre,
 * day list) and the partner API, listed in main.c's route table, with
 * their declared inputs and the helpers they share (pages.c).
 */
#ifndef HAVRE_APPOINTMENTS_PAGES_H
#define HAVRE_APPOINTMENTS_PAGES_H

#include <stdint.h>

#include "app.h"
#include "db.h"

/* pages.c: shared helpers */
/* Today's date (YYYY-MM-DD) in zone. */
void	 appt_today(const char *zone, char out[11]);
/* Fill Appt.Sites.N.{Id,Name,Code,Zone} (active sites); Appt.Sites
 * is used by the pages' site pickers. Returns 0 or a status. */
int	 appt_sites_fill(struct req *, int64_t selected);
/* The time zone of a site into zone (65 bytes). Returns 1 if found, 0
 * if not, -1 on a database error (*rc set). */
int	 appt_site_zone(struct req *, int64_t site_id, char zone[65],
	    enum db_rc *rc);
/* Levels and channels: Appt.Levels.N.{Id,Code,Label,Public}. */
int	 appt_levels_fill(struct req *);
/* The label of a channel or status (Lang.Appt.Channel.<x>). */
const char *appt_label(struct req *, const char *group, const char *code);
/* Add n days to a YYYY-MM-DD date (n may be negative). Returns 0 or -1. */
int	 appt_day_add(const char *day, int n, char out[11]);

/* home (appointments.view) */
int	 page_appt_home(struct req *);

/* configure.c (appointments.configure) */
int	 page_sites(struct req *);
int	 page_site_new_form(struct req *);
int	 page_site_new(struct req *);
int	 page_site_form(struct req *);
int	 page_site_save(struct req *);
int	 page_site_closed_add(struct req *);
int	 page_site_closed_delete(struct req *);
int	 page_services(struct req *);
int	 page_service_new_form(struct req *);
int	 page_service_new(struct req *);
int	 page_service_form(struct req *);
int	 page_service_save(struct req *);
int	 page_levels(struct req *);
int	 page_levels_save(struct req *);
extern const struct field_spec site_fields[];
extern const struct field_spec closed_fields[];
extern const struct field_spec service_fields[];
extern const struct field_spec level_fields[];

/* quota.c's grid pages: grid.c (appointments.configure) */
int	 page_quota(struct req *);
int	 page_quota_template(struct req *);
int	 page_quota_slot(struct req *);
extern const struct field_spec quota_query_fields[];
extern const struct field_spec quota_template_fields[];
extern const struct field_spec quota_slot_fields[];

/* callcentre.c (appointments.book) and day.c (appointments.view) */
int	 page_callcentre(struct req *);
int	 page_callcentre_book(struct req *);
int	 page_day(struct req *);
int	 page_appt_form(struct req *);
int	 page_appt_save(struct req *);
int	 page_appt_cancel_ask(struct req *);
int	 page_appt_cancel(struct req *);
int	 page_appt_move(struct req *);
extern const struct field_spec appt_move_fields[];
extern const struct field_spec appt_view_fields[];
extern const struct field_spec appt_cancel_fields[];
extern const struct field_spec cc_query_fields[];
extern const struct field_spec cc_book_fields[];
extern const struct field_spec day_fields[];
extern const struct field_spec appt_edit_fields[];

/* api.c (partner.api, JSON) */
int	 page_api_availability(struct req *);
int	 page_api_book(struct req *);
int	 page_api_book_fill(struct req *);
int	 page_api_booking(struct req *);
int	 page_api_cancel(struct req *);
extern const struct field_spec api_avail_fields[];
extern const struct field_spec api_book_fields[];

#endif
