/*
 * booking.h: the booking library (libbooking.a), the domain of
 * appointments shared by havre-appointments, havre-reception and
 * havre-notify (and the registration and dossier programs to come):
 * channels, appointment statuses and their SQL lists, the person key of
 * the one-active-appointment rule, references, slots made from the
 * quota templates, taking and releasing a seat, inserting an
 * appointment, one day's free seats, and the messages an appointment
 * sends (messages.h). Depends on common and person; never on a program.
 *
 * A seat is taken inside the transaction that writes the appointment,
 * with
 *   UPDATE slot_quota SET booked = booked + 1
 *   WHERE id = ? AND booked < capacity
 * so a slot's capacity is never exceeded, whatever the number of
 * workers and concurrent requests.
 */
#ifndef HAVRE_BOOKING_H
#define HAVRE_BOOKING_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* --- channels (channel.c) --- */

enum channel {
	CH_WEB,
	CH_CALLCENTRE,
	CH_PARTNER,
	CH_WALKIN,
	CH__MAX
};

/* "web", "callcentre", "partner", "walkin": the ENUM values in SQL. */
extern const char *const channel_names[CH__MAX];
/* The channel of a name ("web" ...), or CH__MAX if unknown. */
enum channel	 channel_of(const char *);

/* --- appointment statuses (status.c) --- */

/*
 * The statuses of an appointment: X(enum name, SQL name, active, open).
 * An active appointment holds its seat and counts for the fairness
 * rules (one active appointment per person and service, a few per
 * phone). "arrived" is active: the person is in the building until the
 * visit is done and may not book the same service again meanwhile (the
 * generated column appointment.active_key of migration 0003 says the
 * same). An open appointment is still awaited: the applicant may move
 * or cancel it, reception checks it in, reminders and SMS replies act
 * on it (booked and confirmed; not arrived).
 */
#define BOOKING_STATUSES(X)					\
	X(APPT_BOOKED,		"booked",	1, 1)		\
	X(APPT_CONFIRMED,	"confirmed",	1, 1)		\
	X(APPT_ARRIVED,		"arrived",	1, 0)		\
	X(APPT_DONE,		"done",		0, 0)		\
	X(APPT_NOSHOW,		"noshow",	0, 0)		\
	X(APPT_CANCELLED,	"cancelled",	0, 0)

#define BOOKING_STATUS_ENUM_(e, s, a, o)	e,
enum appt_status {
	BOOKING_STATUSES(BOOKING_STATUS_ENUM_)
	APPT__MAX
};

/* The SQL name of each status. */
extern const char *const appt_status_names[APPT__MAX];
/* The status of a SQL name, or APPT__MAX if unknown. */
enum appt_status	 appt_status_of(const char *);
/* 1 if status s is active (see BOOKING_STATUSES), else 0. */
int			 appt_status_active(enum appt_status s);
/* 1 if status s is open (still awaited), else 0. */
int			 appt_status_open(enum appt_status s);

/*
 * The SQL lists of the active, inactive and open statuses, made at
 * compile time from BOOKING_STATUSES for statement texts: "status IN "
 * BOOKING_SQL_ACTIVE. Every item carries its comma; each list ends with
 * '~', which is no status (so that NOT IN works as well as IN).
 */
#define BOOKING_SQL_IF1_(s)	"'" s "',"
#define BOOKING_SQL_IF0_(s)
#define BOOKING_SQL_UNLESS1_(s)
#define BOOKING_SQL_UNLESS0_(s)	"'" s "',"
#define BOOKING_SQL_ACTIVE_(e, s, a, o)		BOOKING_SQL_IF##a##_(s)
#define BOOKING_SQL_INACTIVE_(e, s, a, o)	BOOKING_SQL_UNLESS##a##_(s)
#define BOOKING_SQL_OPEN_(e, s, a, o)		BOOKING_SQL_IF##o##_(s)
#define BOOKING_SQL_ACTIVE	\
	"(" BOOKING_STATUSES(BOOKING_SQL_ACTIVE_) "'~')"
#define BOOKING_SQL_INACTIVE	\
	"(" BOOKING_STATUSES(BOOKING_SQL_INACTIVE_) "'~')"
#define BOOKING_SQL_OPEN	\
	"(" BOOKING_STATUSES(BOOKING_SQL_OPEN_) "'~')"

/* --- the person key of the fairness rule (key.c) --- */

/* Bytes of a person key, its NUL included (appointment.person_key). */
#define BOOKING_KEY_SIZE	301

/*
 * The person of the one-active-appointment-per-service rule, the same
 * for every channel: "d:<document>" when a document number is given
 * (person_docno_normalise), else "p:<phone>:<family>|<given>" with each
 * name folded: letters to lower case, accents removed (Latin letters of
 * Latin-1 and Latin Extended-A to their base letter, ß to ss, æ to ae
 * ...), runs of spaces, dots, dashes, apostrophes and commas to one
 * space, trimmed. So "Jean-Pierre", "Jean Pierre", "JEAN-PIERRE" and
 * "Jéan-Pierre" give one key. Any argument may be NULL (as ""). out
 * holds BOOKING_KEY_SIZE bytes and never ends inside a UTF-8 sequence.
 */
void	 booking_person_key(const char *document, const char *phone,
	    const char *family, const char *given,
	    char out[BOOKING_KEY_SIZE]);

/* --- references (reference.c) --- */

/* 8 characters without the look-alikes 0/O, 1/I/L. */
#define BOOKING_REF_ALPHABET	"23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#define BOOKING_REF_LEN		8

/* A fresh random reference (libsodium's uniform draw: no modulo bias). */
void	 booking_reference_new(char out[BOOKING_REF_LEN + 1]);
/*
 * A reference as scanned or typed: spaces, tabs, line ends and dashes
 * dropped, upper-cased. Returns 0 and fills out when it is 8 characters
 * of the alphabet, else -1.
 */
int	 booking_reference_normalise(const char *in,
	    char out[BOOKING_REF_LEN + 1]);
/* The reference as shown to people, "XXXX-XXXX" (out: 10 bytes); ""
 * for "". */
void	 booking_reference_display(const char *ref, char out[10]);
/*
 * The digits of a phone number as an agent types it to find a booking
 * ("06 12 34 56 78", "06.12.34.56.78", "+33 6 12...", Arabic-Indic
 * digits): separators ( ) . - and spaces dropped, a leading + or any
 * leading zeros (trunk 0, international 00) dropped, so that the result
 * is the end of the stored E.164 number. Empty when q holds anything
 * else (a name) or fewer than min_digits digits. out: 16 bytes.
 */
void	 booking_phone_digits(const char *q, size_t min_digits,
	    char out[16]);

/* --- the library's SQL (sql.c) --- */

enum booking_sql {
	BSQL_SITE_ZONE,
	BSQL_SITE_LOCK,
	BSQL_SLOTS_INCOMPLETE,
	BSQL_SLOTS_MISSING,
	BSQL_SLOT_INSERT,
	BSQL_SLOT_UNDER_WAY,
	BSQL_SEAT_TAKE,
	BSQL_SEAT_RELEASE,
	BSQL_APPT_INSERT,
	BSQL_DAY_SLOTS,
	BSQL_DAY_SLOTS_LEVEL,
	BSQL_DAY_VERSION,
	BSQL_DAY_VERSION_KEY,
	BSQL_CHOICE,
	BSQL_CHOICE_BY_CODE,
	BSQL_MSG_APPOINTMENT,
	BSQL_MSG_LONGEST_SITE,
	BSQL_MSG_SERVICE_DOCS,
	BSQL_SMS_NEXT_BOOKING,
	BSQL_SMS_CONFIRM,
	BSQL_SMS_INBOUND_ADD,
	BSQL__MAX
};

/* Statement id of the booking library's table, prepared and reset
 * (NULL on failure: db_last_rc() says why). */
struct db_stmt	*booking_stmt(struct db *, enum booking_sql id);

/* --- sites, services and levels as every channel reads them (choice.c) --- */

/* The most levels a choice lists (service_level holds three). */
#define BOOKING_LEVELS_MAX	8

/* A level at which a service is offered on a channel. */
struct booking_level {
	int64_t	 id;
	char	 code[33];
	int64_t	 rank;			/* service_level.rank_order */
};

/* A site, a service and the levels offered there on a channel. */
struct booking_choice {
	int64_t	 site_id;
	char	 site_code[33];
	char	 site_name[201];
	char	 address[512];
	char	 zone[65];		/* IANA zone of the site */
	char	 cc[5];			/* the site's phone country code */
	int64_t	 service_id;
	char	 service_code[33];
	char	 service_name[201];	/* in the asked language, else en */
	int	 needs_document;
	int64_t	 level_id;		/* 0 when none was asked */
	char	 level_code[33];
	/* The levels whose slots booking_days_slots() lists: the asked
	 * one, or every level the service is offered at on the channel
	 * (by code), in rank order. */
	struct booking_level levels[BOOKING_LEVELS_MAX];
	size_t	 nlevels;
	int64_t	 stamp;			/* the audit trail's last number, -1 */
	/*
	 * 1 when the choice came from this worker's memory
	 * (booking_choice_recall*) and the database has not confirmed it
	 * yet: booking_days_slots() does, in its one query, and sets stale
	 * when an audited change came since (the caller then reads the
	 * choice again: booking_choice_get*).
	 */
	int	 recalled;
	int	 stale;
};

/*
 * Read an active site, an active service with its name in lang, and a
 * level at which the service is offered on channel (a public one only
 * when public_only), all in one query, into *c; this worker remembers
 * it (booking_choice_recall). Returns 1, 0 when any of them does not
 * exist (or is not offered), or -1 (*rc set).
 */
int	 booking_choice_get(struct db *, const char *lang, enum channel,
	    int public_only, int64_t site_id, int64_t service_id,
	    int64_t level_id, struct booking_choice *c, enum db_rc *rc);
/*
 * The same for an active site and an active service by their codes,
 * with every level the service is offered at on channel (c->level_id
 * 0; the names and the address are not read); remembered as well.
 * Returns 1, 0 when either is unknown, or -1 (*rc set).
 */
int	 booking_choice_by_code(struct db *, const char *site_code,
	    const char *service_code, enum channel, struct booking_choice *c,
	    enum db_rc *rc);
/*
 * booking_choice_get() and booking_choice_by_code() without a query
 * when this worker read the same choice within BOOKING_RECALL_TTL
 * seconds (c->recalled set): for the pages whose one query is
 * booking_days_slots(), which checks the choice is still current.
 * Sites, services, levels and offers change only in audited
 * transactions, which move the stamp, so a supervisor's change is seen
 * on the very next page by every worker of every host; the lifetime
 * bounds what a change made outside the programs (straight in SQL)
 * could leave unseen. Same returns.
 */
#define BOOKING_RECALL_TTL	60
int	 booking_choice_recall(struct db *, const char *lang, enum channel,
	    int public_only, int64_t site_id, int64_t service_id,
	    int64_t level_id, struct booking_choice *c, enum db_rc *rc);
int	 booking_choice_recall_by_code(struct db *, const char *site_code,
	    const char *service_code, enum channel, struct booking_choice *c,
	    enum db_rc *rc);
/* Forget what this worker remembers of c's site and service (a stale
 * choice). */
void	 booking_choice_forget(const struct booking_choice *c);

/* --- slots (slots.c) --- */

/*
 * Make sure slot_quota rows exist for ndays (1..63) consecutive local
 * days from day (YYYY-MM-DD) of a site, for every level and channel,
 * from quota_template and quota_override within the opening hours
 * (INSERT IGNORE: existing slots keep their bookings). Closed days get
 * no slots; a local time that does not exist on that day (the spring
 * daylight-saving gap) is skipped; an ambiguous one (the autumn repeat)
 * takes its first occurrence. One query when every slot already
 * exists; none when this worker saw them complete since the last
 * audited change. Returns DB_OK or the error.
 */
enum db_rc	 booking_slots_make(struct db *, int64_t site_id,
		    const char *day, int ndays);
/* The same when the site's zone and the audit trail's last number
 * (stamp, -1 when unknown) are already known (booking_choice_get):
 * no query at all when this worker saw the days complete. */
enum db_rc	 booking_slots_make_at(struct db *, int64_t site_id,
		    const char *zone, int64_t stamp, const char *day,
		    int ndays);

/*
 * The slot of a site, level and channel under way at local time hms
 * (HH:MM:SS) of local day: the one that started last, if it has not
 * ended (slot_minutes long). Makes the day's slots first. Sets *slot_id
 * (0 when none). Returns DB_OK or the error.
 */
enum db_rc	 booking_slot_under_way(struct db *, int64_t site_id,
		    int64_t level_id, enum channel, const char *day,
		    const char *hms, int slot_minutes, int64_t *slot_id);

/* --- seats (seat.c) --- */

/* Result of taking a seat. */
enum seat_rc {
	SEAT_TAKEN,	/* one seat taken */
	SEAT_FULL,	/* no seat left (or the slot is closed) */
	SEAT_DBERR,	/* see the db_rc */
};

/* Take one seat of a slot inside the caller's transaction; *rc is the
 * database result. */
enum seat_rc	 booking_seat_take(struct db *, int64_t slot_id,
		    enum db_rc *rc);
/* Give one seat back inside the caller's transaction. DB_OK or error. */
enum db_rc	 booking_seat_release(struct db *, int64_t slot_id);

/* --- the slots of a site's days, as every channel reads them (free.c) --- */

/* One slot of a day (texts valid during the callback only). */
struct booking_slot {
	int64_t		 slot_id;
	int64_t		 level_id;
	const char	*level_code;
	const char	*site_code;
	const char	*service_code;
	const char	*local_hm;	/* "HH:MM", the site's wall clock */
	const char	*local_start;	/* "YYYY-MM-DDTHH:MM:SS", local */
	const char	*start_utc;	/* "YYYY-MM-DD HH:MM:SS", UTC */
	int64_t		 offset_minutes;	/* local minus UTC */
	int64_t		 remaining;	/* seats left (>= 0) */
	int		 future;	/* 1 if it has not started */
	int		 closed;	/* 1 if its day is closed */
};

/* Called for each slot; a non-zero return stops the walk. */
typedef int	(*booking_slot_fn)(const struct booking_slot *, void *arg);

/*
 * The slots with a capacity of local days from..to (ndays of them,
 * 1..63) of c's site on a channel, at c's levels (c->levels: the asked
 * one, or those c's service is offered at on that channel), in start
 * order then level rank (fn may stop the walk). One primary-key read
 * of the days' versions and of the audit trail's number (which confirms
 * a recalled choice), then, unless this worker kept the rows read at
 * those versions, one indexed query (slot_quota's index slot_site_day).
 * The days' slots are made first (booking_slots_make_at with
 * c's zone and stamp). A free seat is one with remaining > 0, future
 * and not closed. When c was recalled and an audited change came
 * since, no slot is walked, c->stale is set and this worker forgets
 * the choice: read it again and call again. The versions
 * (slot_day_version, migration 0031) are moved by triggers in the
 * transaction of every change of the days' slots or closure, so a kept
 * read is never older than the last change committed (free.c). Returns
 * DB_OK or the error.
 */
enum db_rc	 booking_days_slots(struct db *, struct booking_choice *c,
		    enum channel, const char *from, const char *to, int ndays,
		    booking_slot_fn, void *arg);

/*
 * What booking_days_check() read: the audit trail's last number (-1
 * when unknown) and the versions of the days (how many days have one,
 * their sum: a version only grows, so the pair moves with any change of
 * any of the days). Equal versions mean the same slots, seats and
 * closures: a caller may key what it makes of them (a rendered page)
 * on them, with stamp for the choice.
 */
struct booking_days_ver {
	int64_t	 stamp;
	int64_t	 count;
	int64_t	 sum;
	/* in: an API key (api_key.id) to confirm in the same statement,
	 * 0 for none; out: 1 when it is live (not revoked), else 0 */
	int64_t	 key_id;
	int	 key_live;
};

/*
 * booking_days_slots() in two steps, for a caller that keeps what it
 * makes of the slots: booking_days_check() makes the days' slots and
 * reads the versions into *v (the one query of a kept read; c->stale
 * as above, then nothing more to do), booking_days_walk() walks the
 * slots as they were at *v (the rows this worker kept at those
 * versions, else one indexed query). Same returns.
 */
enum db_rc	 booking_days_check(struct db *, struct booking_choice *c,
		    const char *from, const char *to, int ndays,
		    struct booking_days_ver *v);
/*
 * booking_days_slots() that also confirms, in its statement of the
 * versions, that API key key_id is live (*key_live 1); when it is not
 * (*key_live 0) no slot is walked: the caller looks the key up again
 * (auth_key_confirm). For the partner availability on a key from the
 * worker's memory: one statement in all. Same returns.
 */
enum db_rc	 booking_days_slots_key(struct db *, struct booking_choice *c,
		    enum channel, const char *from, const char *to, int ndays,
		    int64_t key_id, int *key_live, booking_slot_fn, void *arg);
enum db_rc	 booking_days_walk(struct db *,
		    const struct booking_choice *c, enum channel,
		    const char *from, const char *to,
		    const struct booking_days_ver *v, booking_slot_fn,
		    void *arg);

/* --- inserting an appointment (appointment.c) --- */

/* An appointment to write (the seat is already taken). */
struct booking_appt {
	int64_t		 site_id;
	int64_t		 service_id;
	int64_t		 level_id;
	enum channel	 channel;
	int64_t		 slot_id;
	const char	*start_utc;	/* "YYYY-MM-DD HH:MM:SS" */
	const char	*family_name;
	const char	*given_names;
	const char	*phone;		/* E.164, or "" */
	const char	*document_number;	/* as typed, or "" */
	const char	*lang;
	const char	*notes;
	enum appt_status status;	/* booked, or arrived for a walk-in */
	int64_t		 agent_id;	/* 0: none */
	int64_t		 apikey_id;	/* 0: none */
};

/*
 * Insert the appointment a inside the caller's transaction with a fresh
 * reference and its person key (booking_person_key); a reference drawn
 * twice is drawn again. Fills reference and *id. Returns DB_OK, DB_DUP
 * when the person already has an active appointment for the service
 * (unique key appointment_active), or the database error.
 */
enum db_rc	 booking_appt_insert(struct db *, const struct booking_appt *a,
		    char reference[BOOKING_REF_LEN + 1], int64_t *id);

#include "messages.h"

#endif
