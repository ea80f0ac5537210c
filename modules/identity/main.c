/*
 * havre-identity: person records and the cross-script search. Agents
 * create, view and edit persons (names in any script with their Latin
 * forms, birth date with its precision, documents with verified MRZ,
 * phones, a photo, family links), and search them across spellings and
 * scripts with an explained score; other systems use the same search
 * as JSON with an API key, and create persons through it. Every
 * creation and identifying change goes through the duplicate check;
 * identity.merge holders work the review queue of pending pairs, merge
 * records and undo merges. The route table below is the program's
 * whole attack surface.
 */
#include "config.h"

#include "app.h"
#include "identity.h"

static const struct route routes[] = {
	/* search (identity.search): the HTML form, and JSON with
	 * Accept: application/json (agents or API keys) */
	{M_GET, "/identity", VHOST_INTRANET, "identity.search", 0,
	    page_search, "identity/search.cs", search_fields, 0, page_search},
	{M_GET, "/identity/search", VHOST_INTRANET, "identity.search",
	    ROUTE_API, page_search, "identity/search.cs", search_fields, 0,
	    page_search},

	/* person records */
	{M_GET, "/identity/persons/new", VHOST_INTRANET, "identity.edit", 0,
	    page_person_new_form, "identity/person_form.cs", person_new_query,
	    0, page_person_new_form},
	/* creation by other systems (API key or agent): pending pairs */
	{M_POST, "/identity/persons", VHOST_INTRANET, "identity.edit",
	    ROUTE_API | ROUTE_CSRF, page_person_api_create, NULL,
	    person_fields, 0, NULL},
	{M_POST, "/identity/persons/new", VHOST_INTRANET, "identity.edit",
	    ROUTE_CSRF, page_person_new, "identity/person_form.cs",
	    person_fields, 0, page_person_new_form},
	{M_GET, "/identity/persons/{id:int}", VHOST_INTRANET,
	    "identity.search", 0, page_person_view, "identity/person.cs",
	    NULL, 0, NULL},
	{M_GET, "/identity/persons/{id:int}/edit", VHOST_INTRANET,
	    "identity.edit", 0, page_person_edit_form,
	    "identity/person_form.cs", NULL, 0, NULL},
	{M_POST, "/identity/persons/{id:int}/edit", VHOST_INTRANET,
	    "identity.edit", ROUTE_CSRF, page_person_edit,
	    "identity/person_form.cs", person_fields, 0,
	    page_person_edit_form},

	/* documents, phones, photo (rejected forms re-render the person) */
	{M_POST, "/identity/persons/{id:int}/documents", VHOST_INTRANET,
	    "identity.edit", ROUTE_CSRF, page_document_add,
	    "identity/person.cs", document_fields, 0, page_person_view},
	/* a removal asks first: GET, or a POST without confirm=1 */
	{M_GET, "/identity/persons/{id:int}/documents/{doc:int}/delete",
	    VHOST_INTRANET, "identity.edit", 0, page_document_delete_ask,
	    "identity/part_remove.cs", NULL, 0, NULL},
	{M_POST, "/identity/persons/{id:int}/documents/{doc:int}/delete",
	    VHOST_INTRANET, "identity.edit", ROUTE_CSRF, page_document_delete,
	    "identity/part_remove.cs", remove_confirm_fields, 0,
	    page_document_delete_ask},
	{M_POST, "/identity/persons/{id:int}/phones", VHOST_INTRANET,
	    "identity.edit", ROUTE_CSRF, page_phone_add, "identity/person.cs",
	    phone_fields, 0, page_person_view},
	{M_GET, "/identity/persons/{id:int}/phones/{contact:int}/delete",
	    VHOST_INTRANET, "identity.edit", 0, page_phone_delete_ask,
	    "identity/part_remove.cs", NULL, 0, NULL},
	{M_POST, "/identity/persons/{id:int}/phones/{contact:int}/delete",
	    VHOST_INTRANET, "identity.edit", ROUTE_CSRF, page_phone_delete,
	    "identity/part_remove.cs", remove_confirm_fields, 0,
	    page_phone_delete_ask},
	{M_POST, "/identity/persons/{id:int}/photo", VHOST_INTRANET,
	    "identity.edit", ROUTE_CSRF, page_photo_upload,
	    "identity/person.cs", photo_fields, 0, page_person_view},
	{M_GET, "/identity/persons/{id:int}/photo", VHOST_INTRANET,
	    "identity.search", 0, page_photo_download, NULL, NULL, 0, NULL},

	/* family links (with their reciprocals) and the timeline */
	{M_POST, "/identity/persons/{id:int}/family", VHOST_INTRANET,
	    "identity.edit", ROUTE_CSRF, page_link_add, "identity/person.cs",
	    link_fields, 0, page_person_view},
	{M_GET, "/identity/persons/{id:int}/family/{link:int}/delete",
	    VHOST_INTRANET, "identity.edit", 0, page_link_delete_ask,
	    "identity/family_unlink.cs", NULL, 0, NULL},
	/* without confirm=1: the same question, nothing changes */
	{M_POST, "/identity/persons/{id:int}/family/{link:int}/delete",
	    VHOST_INTRANET, "identity.edit", ROUTE_CSRF, page_link_delete,
	    "identity/family_unlink.cs", remove_confirm_fields, 0,
	    page_link_delete_ask},
	{M_GET, "/identity/persons/{id:int}/timeline", VHOST_INTRANET,
	    "identity.search", 0, page_timeline, "identity/timeline.cs", NULL,
	    0, NULL},

	/* the subject-access export (export.c): everything held about
	 * the person, as a printable page in two languages and as JSON */
	{M_GET, "/identity/persons/{id:int}/export", VHOST_INTRANET,
	    "dataprotection.export", 0, page_export, "identity/export.cs",
	    export_fields, 0, NULL},
	{M_GET, "/identity/persons/{id:int}/export.json", VHOST_INTRANET,
	    "dataprotection.export", ROUTE_API, page_export_json, NULL, NULL,
	    0, NULL},

	/* duplicates: the review queue and its decisions; merges */
	{M_GET, "/identity/duplicates", VHOST_INTRANET, "identity.merge", 0,
	    page_dup_queue, "identity/duplicates.cs", queue_fields, 0, NULL},
	{M_GET, "/identity/duplicates/{pair:int}", VHOST_INTRANET,
	    "identity.merge", 0, page_dup_view, "identity/duplicate.cs", NULL,
	    0, NULL},
	{M_POST, "/identity/duplicates/{pair:int}", VHOST_INTRANET,
	    "identity.merge", ROUTE_CSRF, page_dup_decide,
	    "identity/duplicate.cs", dup_decide_fields, 0, page_dup_view},
	{M_GET, "/identity/merge/{a:int}/{b:int}", VHOST_INTRANET,
	    "identity.merge", 0, page_merge_form, "identity/merge.cs", NULL, 0,
	    NULL},
	{M_POST, "/identity/merge/{a:int}/{b:int}", VHOST_INTRANET,
	    "identity.merge", ROUTE_CSRF, page_merge, "identity/merge.cs",
	    merge_fields, 0, page_merge_form},
	{M_GET, "/identity/merges/{merge:int}", VHOST_INTRANET,
	    "identity.merge", 0, page_merge_view, "identity/merge_view.cs",
	    NULL, 0, NULL},
	{M_POST, "/identity/merges/{merge:int}/undo", VHOST_INTRANET,
	    "identity.merge", ROUTE_CSRF, page_unmerge,
	    "identity/merge_view.cs", unmerge_fields, 0, page_merge_view},
};

static const struct app identity = {
	"havre-identity", routes, sizeof(routes) / sizeof(routes[0]),
	identity_sqls, ISQL__MAX, identity_init,
};

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &identity);
}
