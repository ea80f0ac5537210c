/*
 * names.c: the channels and the appointment statuses of the booking
 * library: their SQL names, made from the lists in booking.h.
 */
#include "config.h"

#include <string.h>

#include "booking.h"

const char *const channel_names[CH__MAX] = {
	"web", "callcentre", "partner", "walkin",
};

#define STATUS_NAME_(e, s, a, o)	[e] = s,
const char *const appt_status_names[APPT__MAX] = {
	BOOKING_STATUSES(STATUS_NAME_)
};

#define STATUS_ACTIVE_(e, s, a, o)	[e] = a,
static const int status_active[APPT__MAX] = {
	BOOKING_STATUSES(STATUS_ACTIVE_)
};

#define STATUS_OPEN_(e, s, a, o)	[e] = o,
static const int status_open[APPT__MAX] = {
	BOOKING_STATUSES(STATUS_OPEN_)
};

/* See booking.h. */
enum channel
channel_of(const char *name)
{
	int	i;

	for (i = 0; i < CH__MAX; i++)
		if (name != NULL && strcmp(name, channel_names[i]) == 0)
			return (enum channel)i;
	return CH__MAX;
}

/* See booking.h. */
enum appt_status
appt_status_of(const char *name)
{
	int	i;

	for (i = 0; i < APPT__MAX; i++)
		if (name != NULL && strcmp(name, appt_status_names[i]) == 0)
			return (enum appt_status)i;
	return APPT__MAX;
}

/* See booking.h. */
int
appt_status_active(enum appt_status s)
{
	return s < APPT__MAX && status_active[s];
}

/* See booking.h. */
int
appt_status_open(enum appt_status s)
{
	return s < APPT__MAX && status_open[s];
}
