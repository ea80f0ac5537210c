/*
 * havre-appointments: booking of appointments at the agency's sites.
 * Agents (intranet, /appointments): configuration of sites, services,
 * levels and the quota grid; the call-centre page; a site's day list;
 * the partner API. Applicants (public, /book): the booking site. The
 * route table below is the program's whole attack surface.
 */
#include "config.h"

#include "app.h"
#include "appointments.h"
#include "book.h"
#include "pages.h"
#include "sql.h"

#define CONF	"appointments.configure"
#define BOOK	"appointments.book"
#define VIEW	"appointments.view"
#define API	"partner.api"

static const struct route routes[] = {
	/* agents: the section's landing page */
	{M_GET, "/appointments", VHOST_INTRANET, VIEW, 0, page_appt_home,
	    "appointments/home.cs", NULL, 0, NULL},

	/* configuration: sites */
	{M_GET, "/appointments/sites", VHOST_INTRANET, CONF, 0, page_sites,
	    "appointments/configure_sites.cs", NULL, 0, NULL},
	{M_GET, "/appointments/sites/new", VHOST_INTRANET, CONF, 0,
	    page_site_new_form, "appointments/configure_site.cs", NULL, 0,
	    NULL},
	{M_POST, "/appointments/sites/new", VHOST_INTRANET, CONF, ROUTE_CSRF,
	    page_site_new, "appointments/configure_site.cs", site_fields, 0,
	    page_site_new_form},
	{M_GET, "/appointments/sites/{id:int}", VHOST_INTRANET, CONF, 0,
	    page_site_form, "appointments/configure_site.cs", NULL, 0,
	    NULL},
	{M_POST, "/appointments/sites/{id:int}", VHOST_INTRANET, CONF,
	    ROUTE_CSRF, page_site_save, "appointments/configure_site.cs",
	    site_fields, 0, page_site_form},
	{M_POST, "/appointments/sites/{id:int}/closed", VHOST_INTRANET, CONF,
	    ROUTE_CSRF, page_site_closed_add, "appointments/configure_site.cs",
	    closed_fields, 0, page_site_form},
	{M_POST, "/appointments/sites/{id:int}/closed/delete", VHOST_INTRANET,
	    CONF, ROUTE_CSRF, page_site_closed_delete,
	    "appointments/configure_site.cs", closed_fields, 0,
	    page_site_form},

	/* configuration: services and levels */
	{M_GET, "/appointments/services", VHOST_INTRANET, CONF, 0,
	    page_services, "appointments/configure_services.cs", NULL, 0, NULL},
	{M_GET, "/appointments/services/new", VHOST_INTRANET, CONF, 0,
	    page_service_new_form, "appointments/configure_service.cs", NULL,
	    0, NULL},
	{M_POST, "/appointments/services/new", VHOST_INTRANET, CONF,
	    ROUTE_CSRF, page_service_new, "appointments/configure_service.cs",
	    service_fields, 0, page_service_new_form},
	{M_GET, "/appointments/services/{id:int}", VHOST_INTRANET, CONF, 0,
	    page_service_form, "appointments/configure_service.cs", NULL, 0,
	    NULL},
	{M_POST, "/appointments/services/{id:int}", VHOST_INTRANET, CONF,
	    ROUTE_CSRF, page_service_save, "appointments/configure_service.cs",
	    service_fields, 0, page_service_form},
	{M_GET, "/appointments/levels", VHOST_INTRANET, CONF, 0, page_levels,
	    "appointments/configure_levels.cs", NULL, 0, NULL},
	{M_POST, "/appointments/levels", VHOST_INTRANET, CONF, ROUTE_CSRF,
	    page_levels_save, "appointments/configure_levels.cs", level_fields, 0,
	    page_levels},

	/* configuration: the quota grid */
	{M_GET, "/appointments/quota", VHOST_INTRANET, CONF, 0, page_quota,
	    "appointments/quota.cs", quota_query_fields, 0, page_quota},
	{M_POST, "/appointments/quota/template", VHOST_INTRANET, CONF,
	    ROUTE_CSRF, page_quota_template, "appointments/quota.cs",
	    quota_template_fields, 0, page_quota},
	{M_POST, "/appointments/quota/slot", VHOST_INTRANET, CONF, ROUTE_CSRF,
	    page_quota_slot, "appointments/quota.cs", quota_slot_fields, 0,
	    page_quota},

	/* the call centre */
	{M_GET, "/appointments/callcentre", VHOST_INTRANET, BOOK, 0,
	    page_callcentre, "appointments/callcentre.cs", cc_query_fields, 0,
	    page_callcentre},
	{M_POST, "/appointments/callcentre/book", VHOST_INTRANET, BOOK,
	    ROUTE_CSRF, page_callcentre_book, "appointments/callcentre.cs",
	    cc_book_fields, 0, page_callcentre},

	/* a site's day; one appointment */
	{M_GET, "/appointments/day", VHOST_INTRANET, VIEW, 0, page_day,
	    "appointments/day.cs", day_fields, 0, page_day},
	{M_GET, "/appointments/bookings/{id:int}", VHOST_INTRANET, VIEW, 0,
	    page_appt_form, "appointments/appointment.cs", appt_view_fields,
	    0, page_appt_form},
	{M_POST, "/appointments/bookings/{id:int}", VHOST_INTRANET, VIEW,
	    ROUTE_CSRF, page_appt_save, "appointments/appointment.cs",
	    appt_edit_fields, 0, page_appt_form},
	{M_GET, "/appointments/bookings/{id:int}/cancel", VHOST_INTRANET,
	    VIEW, 0, page_appt_cancel_ask, "appointments/appointment_cancel.cs",
	    NULL, 0, NULL},
	/* without confirm=1: the same question, nothing changes */
	{M_POST, "/appointments/bookings/{id:int}/cancel", VHOST_INTRANET,
	    VIEW, ROUTE_CSRF, page_appt_cancel, "appointments/appointment.cs",
	    appt_cancel_fields, 0, page_appt_cancel_ask},
	{M_POST, "/appointments/bookings/{id:int}/move", VHOST_INTRANET, BOOK,
	    ROUTE_CSRF, page_appt_move, "appointments/appointment.cs",
	    appt_move_fields, 0, page_appt_form},

	/* the partner API (JSON; API key of a partner-agency role) */
	{M_GET, "/appointments/api/v1/availability", VHOST_INTRANET, API,
	    ROUTE_API | ROUTE_KEY_LATER, page_api_availability, NULL,
	    api_avail_fields, 0, NULL},
	/* CSRF applies to agents' sessions only; API keys are exempt. */
	{M_POST, "/appointments/api/v1/bookings", VHOST_INTRANET, API,
	    ROUTE_API | ROUTE_CSRF | ROUTE_JSON, page_api_book, NULL,
	    api_book_fields, 0, page_api_book_fill},
	{M_GET, "/appointments/api/v1/bookings/{ref:token}", VHOST_INTRANET, API,
	    ROUTE_API, page_api_booking, NULL, NULL, 0, NULL},
	{M_DELETE, "/appointments/api/v1/bookings/{ref:token}", VHOST_INTRANET,
	    API, ROUTE_API | ROUTE_CSRF, page_api_cancel, NULL, NULL, 0, NULL},

	/* --- notifications (issue 6, sms.c): Kannel's delivery reports
	 * and replies. No session: an address allow-list and a shared
	 * secret instead; the handler answers invalid input itself. */
	{M_GET, "/book/sms/dlr", VHOST_PUBLIC, PERM_PUBLIC, 0, page_sms_dlr,
	    NULL, sms_dlr_fields, 0, page_sms_dlr},
	{M_GET, "/book/sms/mo", VHOST_PUBLIC, PERM_PUBLIC, 0, page_sms_mo,
	    NULL, sms_mo_fields, 0, page_sms_mo},
	/* --- end of notifications --- */

	/* the public booking site (book*.c): public vhost, no login;
	 * POSTs carry the anonymous double-submit CSRF token */
	{M_GET, "/book", VHOST_PUBLIC, PERM_PUBLIC, 0, page_book_sites,
	    "appointments/book_sites.cs", book_sites_fields, 0,
	    page_book_sites},
	{M_GET, "/book/service", VHOST_PUBLIC, PERM_PUBLIC, 0,
	    page_book_services, "appointments/book_services.cs",
	    book_query_fields, 0, page_book_services},
	{M_GET, "/book/level", VHOST_PUBLIC, PERM_PUBLIC, 0, page_book_levels,
	    "appointments/book_levels.cs", book_query_fields, 0,
	    page_book_levels},
	{M_GET, "/book/day", VHOST_PUBLIC, PERM_PUBLIC, 0, page_book_day,
	    "appointments/book_calendar.cs", book_query_fields, 0,
	    page_book_day},
	{M_GET, "/book/slot", VHOST_PUBLIC, PERM_PUBLIC, 0, page_book_slots,
	    "appointments/book_slots.cs", book_query_fields, 0,
	    page_book_slots},
	{M_GET, "/book/details", VHOST_PUBLIC, PERM_PUBLIC, 0,
	    page_book_details, "appointments/book_details.cs",
	    book_query_fields, 0, page_book_details},
	{M_POST, "/book/review", VHOST_PUBLIC, PERM_PUBLIC, ROUTE_CSRF,
	    page_book_review, "appointments/book_review.cs",
	    book_person_fields, 0, page_book_details},
	{M_POST, "/book/edit", VHOST_PUBLIC, PERM_PUBLIC, ROUTE_CSRF,
	    page_book_edit, "appointments/book_details.cs",
	    book_person_fields, 0, page_book_details},
	{M_POST, "/book/confirm", VHOST_PUBLIC, PERM_PUBLIC, ROUTE_CSRF,
	    page_book_confirm, "appointments/book_details.cs",
	    book_person_fields, 0, page_book_details},
	{M_GET, "/book/manage", VHOST_PUBLIC, PERM_PUBLIC, 0,
	    page_book_manage_form, "appointments/book_manage.cs",
	    book_ref_fields, 0, page_book_manage_form},
	{M_POST, "/book/manage", VHOST_PUBLIC, PERM_PUBLIC, ROUTE_CSRF,
	    page_book_manage_find, "appointments/book_manage.cs",
	    book_find_fields, 0, page_book_manage_form},
	{M_GET, "/book/manage/{ref:token}", VHOST_PUBLIC, PERM_PUBLIC, 0,
	    page_book_view, "appointments/book_booking.cs", NULL, 0, NULL},
	{M_GET, "/book/manage/{ref:token}/cancel", VHOST_PUBLIC, PERM_PUBLIC,
	    0, page_book_cancel_ask, "appointments/book_cancel.cs", NULL, 0,
	    NULL},
	/* without confirm=1: the same question, nothing changes */
	{M_POST, "/book/manage/{ref:token}/cancel", VHOST_PUBLIC, PERM_PUBLIC,
	    ROUTE_CSRF, page_book_cancel, NULL, book_cancel_fields, 0, NULL},
	{M_GET, "/book/manage/{ref:token}/day", VHOST_PUBLIC, PERM_PUBLIC, 0,
	    page_book_move_day, "appointments/book_calendar.cs",
	    book_query_fields, 0, page_book_move_day},
	{M_GET, "/book/manage/{ref:token}/slot", VHOST_PUBLIC, PERM_PUBLIC, 0,
	    page_book_move_slot, "appointments/book_slots.cs",
	    book_query_fields, 0, page_book_move_slot},
	{M_POST, "/book/manage/{ref:token}/move", VHOST_PUBLIC, PERM_PUBLIC,
	    ROUTE_CSRF, page_book_move, "appointments/book_slots.cs",
	    book_move_fields, 0, page_book_move_slot},
	/* end of the public booking site */
};

static const struct app appointments = {
	"havre-appointments", routes, sizeof(routes) / sizeof(routes[0]),
	appt_sqls, ASQL__MAX, NULL,
};

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &appointments);
}
