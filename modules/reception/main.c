/*
 * havre-reception: the office's reception (issue 5). Agents (intranet,
 * /reception): check-in of today's appointments and walk-ins, the
 * counters' page (call, start, finish, outcomes), stations and counters
 * configuration, and the counter-performance dashboards. The hall
 * (public, /board): the display board, ticket numbers and counters only.
 * The route table below is the program's whole attack surface.
 */
#include "config.h"

#include "app.h"
#include "reception.h"

static const struct route routes[] = {
	/* the section's landing page */
	{M_GET, "/reception", VHOST_INTRANET, PERM_LOGIN, 0, page_home,
	    "reception/home.cs", site_query_fields, 0, page_home},

	/* check-in and walk-ins (checkin.c) */
	{M_GET, "/reception/checkin", VHOST_INTRANET, PERM_CHECKIN, 0,
	    page_checkin, "reception/checkin.cs", checkin_query_fields, 0,
	    page_checkin},
	{M_POST, "/reception/checkin", VHOST_INTRANET, PERM_CHECKIN,
	    ROUTE_CSRF, page_checkin_post, "reception/checkin.cs",
	    checkin_fields, 0, page_checkin},
	{M_POST, "/reception/walkin", VHOST_INTRANET, PERM_CHECKIN,
	    ROUTE_CSRF, page_walkin_post, "reception/checkin.cs",
	    walkin_fields, 0, page_checkin},

	/* counters (counter.c) */
	{M_GET, "/reception/counter", VHOST_INTRANET, PERM_COUNTER, 0,
	    page_counter, "reception/counter.cs", counter_query_fields, 0,
	    page_counter},
	{M_POST, "/reception/counter/{id:int}/call", VHOST_INTRANET,
	    PERM_COUNTER, ROUTE_CSRF, page_counter_call, "reception/counter.cs",
	    call_fields, 0, page_counter},
	{M_POST, "/reception/visits/{id:int}/{action:token}", VHOST_INTRANET,
	    PERM_COUNTER, ROUTE_CSRF, page_visit_action, "reception/counter.cs",
	    visit_fields, 0, page_counter},

	/* configuration (stations.c) */
	{M_GET, "/reception/stations", VHOST_INTRANET, PERM_CONFIGURE, 0,
	    page_stations, "reception/stations.cs", stations_query_fields, 0,
	    page_stations},
	{M_POST, "/reception/stations", VHOST_INTRANET, PERM_CONFIGURE,
	    ROUTE_CSRF, page_station_new, "reception/stations.cs",
	    station_new_fields, 0, page_stations},
	{M_POST, "/reception/stations/{id:int}", VHOST_INTRANET,
	    PERM_CONFIGURE, ROUTE_CSRF, page_station_save,
	    "reception/stations.cs", station_fields, 0, page_stations},
	{M_POST, "/reception/stations/{id:int}/counters", VHOST_INTRANET,
	    PERM_CONFIGURE, ROUTE_CSRF, page_counter_new,
	    "reception/stations.cs", counter_new_fields, 0, page_stations},
	{M_POST, "/reception/counters/{id:int}", VHOST_INTRANET,
	    PERM_CONFIGURE, ROUTE_CSRF, page_counter_save,
	    "reception/stations.cs", counter_fields, 0, page_stations},
	{M_POST, "/reception/sites/{id:int}/languages", VHOST_INTRANET,
	    PERM_CONFIGURE, ROUTE_CSRF, page_board_languages,
	    "reception/stations.cs", languages_fields, 0, page_stations},

	/* dashboards (dashboard.c) */
	{M_GET, "/reception/dashboard", VHOST_INTRANET, PERM_DASHBOARD, 0,
	    page_dashboard, "reception/dashboard.cs", dashboard_fields, 0,
	    page_dashboard},
	{M_GET, "/reception/dashboard/export", VHOST_INTRANET, PERM_DASHBOARD,
	    0, page_dashboard_csv, NULL, dashboard_fields, 0, NULL},

	/* the hall's display board (board.c) */
	{M_GET, "/board/{code:token}", VHOST_PUBLIC, PERM_PUBLIC, 0,
	    page_board, "reception/board.cs", board_fields, 0, NULL},
};

static const struct app reception = {
	"havre-reception", routes, sizeof(routes) / sizeof(routes[0]),
	reception_sqls, RSQL__MAX, NULL,
};

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &reception);
}
