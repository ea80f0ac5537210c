/*
 * book.h: the applicants' booking site (/book on the public vhost, no
 * login): choose an office, a service, a public level, a day on a month
 * calendar, a time, give one's details, check and confirm; then find,
 * view, cancel or move the booking with its reference and phone. The
 * state of a booking in progress travels in the URL and hidden fields
 * (no server session). The routes are listed in main.c's "public site"
 * block.
 */
#ifndef HAVRE_APPOINTMENTS_BOOK_H
#define HAVRE_APPOINTMENTS_BOOK_H

#include <stdint.h>

#include "app.h"
#include "booking.h"
#include "buf.h"
#include "db.h"

/* What a booking step knows of the choices made so far (book_util.c). */
struct book_ctx {
	int64_t	 site_id;
	char	 site_name[201];
	char	 address[512];
	char	 zone[65];		/* IANA zone of the site */
	char	 cc[5];			/* the site's phone country code */
	int64_t	 service_id;
	char	 service_code[33];
	int	 needs_document;
	int64_t	 level_id;
	char	 level_code[33];
	int64_t	 slot_id;
	char	 slot_day[11];		/* local YYYY-MM-DD */
	char	 slot_hm[6];		/* local HH:MM */
	char	 slot_start[20];	/* UTC "YYYY-MM-DD HH:MM:SS" */
	long	 slot_remaining;
	int	 slot_future;
	int	 slot_closed;
	int64_t	 stamp;			/* audit trail's last number (-1: unknown) */
	int	 recalled;		/* site, service, level from memory */
	char	 today[11];		/* local date at the site */
	char	 last[11];		/* last bookable local date */
	/* a move: the booking's local day and time, left out of the
	 * calendar's free places ("" otherwise) */
	char	 move_day[11];
	char	 move_hm[6];
	/* book_day_check's versions of the day, and book_day_fill's first
	 * time still to come (UTC "YYYY-MM-DD HH:MM:SS", "" if none) */
	struct booking_days_ver dver;
	char	 day_first_future[20];
};

/* book_util.c: loading the choices, dates, rendering. */
int	 book_render(struct req *, int, const char *tpl);
int	 book_problem(struct req *, int, const char *title, const char *msg,
	    const char *back);
int	 book_load_site(struct req *, struct book_ctx *, int64_t);
int	 book_load_service(struct req *, struct book_ctx *, int64_t);
int	 book_load_choice(struct req *, struct book_ctx *, int64_t site,
	    int64_t service, int64_t level, int recall);
int	 book_load_slot(struct req *, struct book_ctx *, int64_t);
int	 book_date_parse(const char *, int *, int *, int *);
void	 book_date_label(struct req *, const char *day, char *, size_t);
void	 book_date_add(const char *day, int n, char out[11]);
void	 book_lang_href(struct req *, const char *path, const char *query);
int	 book_calendar(struct req *, struct book_ctx *, const char *month);
/* book_day_slots' refusals of a day (negative; 0 is success). */
#define BOOK_DAY_PAST	(-1)
#define BOOK_DAY_FAR	(-2)
#define BOOK_DAY_CLOSED	(-3)
/* A choice from the worker's memory that an audited change made stale:
 * load it again (book_load_choice without recall), then call again. */
#define BOOK_DAY_STALE	(-4)
int	 book_day_slots(struct req *, struct book_ctx *, const char *day);
/* book_day_slots in its two steps: the day checked and its versions
 * read (c->dver; same returns but never BOOK_DAY_CLOSED), then its
 * times walked into the page as they were at those versions. */
int	 book_day_check(struct req *, struct book_ctx *, const char *day);
int	 book_day_fill(struct req *, struct book_ctx *, const char *day);
/* Returns 1 when the query's day was given but is no date (2026-13-45,
 * 2026-02-30, any text), else 0: such a day is refused as invalid, not
 * as a day the office is closed. */
int	 book_day_invalid(const struct req *);
int	 book_alternatives(struct req *, struct book_ctx *, const char *start);
void	 book_local_time(const char *utc, const char *zone, const char *fmt,
	    char *out, size_t outsz);

/* book_qr.c: a QR code as an SVG path ("M4 4h3v1h-3z..."). */
int	 book_qr_path(const char *text, struct buf *path, int *size);

/* book.c: the booking steps. */
int	 page_book_sites(struct req *);
int	 page_book_services(struct req *);
int	 page_book_levels(struct req *);
int	 page_book_day(struct req *);
int	 page_book_slots(struct req *);
int	 page_book_details(struct req *);
int	 page_book_review(struct req *);
int	 page_book_edit(struct req *);
int	 page_book_confirm(struct req *);

/* book_manage.c: find, view, cancel and move a booking. */
/*
 * The proof that a browser knows a booking's phone: a MAC of the
 * reference and the E.164 phone under a server key (keys/book-proof.key),
 * kept in the cookie bk_<REF>; it cannot be forged or reveal the phone.
 * Returns 0 and fills out (65 bytes), or -1 if the key is unavailable.
 */
int	 book_proof(struct req *, const char *ref, const char *phone,
	    char out[65]);
int	 page_book_manage_form(struct req *);
int	 page_book_manage_find(struct req *);
int	 page_book_view(struct req *);
int	 page_book_cancel_ask(struct req *);
int	 page_book_cancel(struct req *);
int	 page_book_move_day(struct req *);
int	 page_book_move_slot(struct req *);
int	 page_book_move(struct req *);

/* Declared inputs (each list ends with a {NULL} row). */
extern const struct field_spec book_sites_fields[];
extern const struct field_spec book_query_fields[];
extern const struct field_spec book_person_fields[];
extern const struct field_spec book_find_fields[];
extern const struct field_spec book_ref_fields[];
extern const struct field_spec book_move_fields[];
extern const struct field_spec book_cancel_fields[];

#endif
