/*
 * configure.h: what the configuration pages of havre-appointments
 * share (configure.c; sites in configure_sites.c, services in
 * configure_services.c, levels in configure_levels.c): the seeded
 * service levels and small text helpers.
 */
#ifndef HAVRE_APPT_CONFIGURE_H
#define HAVRE_APPT_CONFIGURE_H

struct req;

#define NLEVELS		3

/* The service levels seeded by migration 0003 (service_level.code), in
 * the order of the configuration pages. */
extern const char *const level_codes[NLEVELS];

/* Returns 1 if s is a code: 1..32 of [a-z0-9_-]. */
int		 conf_code_ok(const char *s);
/* "1" or "0" for a flag (the audit trail's text of a boolean). */
const char	*conf_flag(int v);
/* The page language's yes or no. */
const char	*conf_yes_no(struct req *, int v);

#endif
