/*
 * civil.h: havre-civil's declarations (issue 17, items 1-3 and 7): the
 * SQL table (sql.c); acts, their fields and their changes through the
 * workflow facility (act.c); the workbench's sources, their pages
 * rendered outside the worker and the values read in them (sources.c,
 * render.c); the chosen values, the four-eyes review, amendments and
 * marginal mentions (fields.c); the supervisors' backlog (backlog.c).
 */
#ifndef HAVRE_CIVIL_H
#define HAVRE_CIVIL_H

#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "db.h"
#include "files.h"
#include "form.h"
#include "wf.h"
#include "wf_store.h"

#define PERM_DRAFT	"civil.draft"
#define PERM_SIGN	"civil.sign"
#define PERM_BACKLOG	"civil.backlog"
#define PERM_ISSUE	"civil.issue"

enum civil_sql {
	CSQL_PROC_CURRENT,
	CSQL_ACT_INSERT,
	CSQL_ACT_GET,
	CSQL_ACT_LOCK,
	CSQL_ACT_STATUS,
	CSQL_ACT_OFFICER,
	CSQL_ACT_SUBMIT,
	CSQL_ACT_ESTABLISH,
	CSQL_ACT_AMEND,
	CSQL_ACT_LIST,
	CSQL_PERSON_NAME,
	CSQL_DOSSIER_PRINCIPAL,
	CSQL_SOURCE_INSERT,
	CSQL_SOURCE_PAGES,
	CSQL_SOURCES,
	CSQL_SOURCE_GET,
	CSQL_PAGE_INSERT,
	CSQL_PAGE_GET,
	CSQL_PAGES_OF,
	CSQL_FOUND_INSERT,
	CSQL_FOUND_OF,
	CSQL_FIELD_SET,
	CSQL_FIELDS_OF,
	CSQL_DRAFTED_BY,
	CSQL_VERSION_INSERT,
	CSQL_VERSIONS_OF,
	CSQL_REVIEW_INSERT,
	CSQL_COMMENT_INSERT,
	CSQL_REVIEWS_OF,
	CSQL_COMMENTS_OF,
	CSQL_MENTION_INSERT,
	CSQL_MENTIONS_OF,
	CSQL_BL_STATUS,
	CSQL_BL_OFFICER,
	CSQL_BL_AGES,
	CSQL_BL_DURATIONS,
	/* documents issued (issue.c) */
	CSQL_KEY_CURRENT,
	CSQL_DOC_BY_KEY,
	CSQL_DOC_INSERT,
	CSQL_DOC_GET,
	CSQL_DOC_LOCK,
	CSQL_DOC_REVOKE,
	CSQL_DOC_PDF,
	CSQL_DOCS_OF_PERSON,
	CSQL_DOCS_OF_ACT,
	CSQL_ACT_LAST_VERSION,
	CSQL_PERSON_FACTS,
	CSQL__MAX
};

extern const char *const civil_sqls[CSQL__MAX];

/* The kinds of act (civil_act.kind), NULL-terminated. */
extern const char *const civil_kinds[];

/* How a field's chosen value is checked. */
enum cfield_type {
	CF_NAME,	/* as written (any script) and in Latin letters */
	CF_TEXT,	/* one line */
	CF_DATE,	/* YYYY-MM-DD, or partial YYYY[-MM] with 00 */
	CF_SEX,		/* F, M or X */
};

/* A field of an act: its code (civil_field.field, the form's suffix),
 * its type, the act kinds that have it (bit 1 << kind index) and what
 * the identity record pre-fills it with (PF_*). */
struct cfield {
	const char	*code;
	enum cfield_type type;
	unsigned	 kinds;
	int		 prefill;
};
enum { PF_NONE, PF_FAMILY, PF_GIVEN, PF_SEX, PF_BIRTH, PF_PLACE,
	PF_FATHER, PF_MOTHER };

#define CFIELD_MAX	16
extern const struct cfield civil_fields[];
extern const size_t civil_nfields;
/* The field with this code, or NULL. */
const struct cfield *cfield_find(const char *code);
/* 1 if an act of kind (index into civil_kinds) has field f. */
int	 cfield_of(const struct cfield *f, int kind);
/* Index of kind in civil_kinds, or -1. */
int	 civil_kind_index(const char *kind);

/* An act as loaded for a page or a change. */
struct act {
	int64_t		 id;
	char		 kind[17];
	int		 kind_index;
	int64_t		 person_id;
	int64_t		 dossier_id;	/* 0: none */
	int64_t		 version_id;
	char		 status[WF_CODE_MAX + 1];
	int		 act_version;
	int64_t		 officer_id;	/* 0: none */
	int64_t		 submitted_by;	/* 0: none */
	char		 requested_at[27];
	char		 established_at[27];
	char		 amend_reason[1001];
	int64_t		 version;
	const struct wf_def *def;	/* from the cache: do not free */
};

/* --- act.c --- */
extern const struct field_spec new_query_fields[];
extern const struct field_spec new_fields[];
extern const struct field_spec list_fields[];
extern const struct field_spec transition_fields[];
int	 page_list(struct req *);
int	 page_new(struct req *);
int	 page_create(struct req *);
int	 page_view(struct req *);
int	 page_transition(struct req *);
/* page_view for a refused form: the value form of the path's {field},
 * the found-value form, the declaration form. */
int	 page_view_choose(struct req *);
int	 page_view_found(struct req *);
int	 page_view_declaration(struct req *);
/* Load act id: DB_ROW, none (DB_OK) or the failure. */
enum db_rc act_load(struct db *, int64_t id, struct act *);
/* The same, locking its row (in the caller's transaction). */
enum db_rc act_lock(struct db *, int64_t id, struct act *);
/* The act of the path's {id}: 0, or the status to answer (404 ...). */
int	 act_open_path(struct req *, struct act *);
/* Is the act open to edits (requested, preparation, amended)? */
int	 act_editable(const struct act *);
/*
 * Lock act id for an edit (in the caller's transaction): DB_ROW when it
 * is there and open to edits; DB_OK with *notfound or *closed set when
 * it is missing or no longer open; else the failure.
 */
enum db_rc act_lock_editable(struct db *, int64_t id, struct act *,
	    int *notfound, int *closed);
/*
 * In the caller's transaction, after the act was locked: the act's
 * first edit moves it from requested to preparation and makes the
 * agent its officer. Returns DB_OK or the failure.
 */
enum db_rc act_touch(struct db *, struct req *, const struct act *);
/* A status's label in the page's language. */
const char *act_status_label(const struct req *, const struct act *,
	    const char *code);
/* The workbench again with the forms' messages, answering status. */
int	 act_page_again(struct req *, int status);
/* After a change: flash msgkey, 303 to the act's page at anchor. */
int	 act_redirect(struct req *, int64_t id, const char *anchor,
	    const char *msgkey);
/* A change refused because the act is not open to edits: 409 with a
 * clear message (an established act changes only by an amendment). */
int	 act_not_editable(struct req *, const struct act *);
/* The session's agent id (0 without one). */
int64_t	 civil_agent(const struct req *);

/* --- sources.c --- */
extern const struct field_spec source_fields[];
extern const struct field_spec declaration_fields[];
extern const struct field_spec found_fields[];
int	 page_source_add(struct req *);
int	 page_declaration_add(struct req *);
int	 page_page_image(struct req *);
int	 page_found_add(struct req *);
/* Fill Sources.N and Found of the workbench. Returns 0 or a status. */
int	 sources_fill(struct req *, const struct act *);

/* --- render.c: a PDF's pages to PNG in a separate, limited process --- */
enum render_rc {
	RENDER_OK,
	RENDER_REFUSED,	/* the renderer failed, was killed or timed out */
	RENDER_ERROR,	/* our side failed (disk, fork): logged */
};
/* A rendered page, malloc'd. */
struct render_page {
	unsigned char	*data;
	size_t		 len;
};
/*
 * Render pdf (len bytes) with pdftoppm (Civil.Pdftoppm) in a child
 * process under Civil.RenderSeconds of CPU and wall time and
 * Civil.RenderMemoryMB of address space, at most Civil.RenderPages
 * pages. On RENDER_OK *pages (malloc'd, *npages of them, at least one)
 * must be freed with render_free().
 */
enum render_rc render_pdf(const struct conf *, const void *pdf, size_t len,
	    struct render_page **pages, size_t *npages);
void	 render_free(struct render_page **, size_t n);

/* Is s a rectangle "x,y,w,h" in percent of a page? 1 or 0. */
int	 rect_valid(const char *s);
/* Is source s one of act's (page, when > 0, within its pages)?
 * 1 yes, 0 no, or -status on a failure. */
int	 source_check(struct req *, int64_t act, int64_t s, long long page);

/* --- fields.c --- */
extern const struct field_spec choose_fields[];
extern const struct field_spec review_fields[];
extern const struct field_spec amend_fields[];
extern const struct field_spec mention_fields[];
int	 page_choose(struct req *);
int	 page_review(struct req *);
int	 page_amend(struct req *);
int	 page_mention_add(struct req *);
/* Fill Fields.N (chosen values, found values, differences), Versions,
 * Reviews and Mentions. Returns 0 or a status. */
int	 fields_fill(struct req *, const struct act *);
/* Missing required fields of the act (count), for the submission. */
enum db_rc fields_missing(struct db *, const struct act *, int *missing);
/* Pre-fill the act's fields from its person's identity record, with
 * identity source source_id, in the caller's transaction. */
enum db_rc fields_prefill(struct db *, int64_t act, int kind,
	    int64_t person, int64_t source_id);

/* --- backlog.c --- */
extern const struct field_spec backlog_fields[];
int	 page_backlog(struct req *);
int	 page_backlog_csv(struct req *);

/* --- issue.c: documents issued (issue 17.4): copies and extracts of
 * an established act, attestations from a person's record, their list,
 * PDF, revocation and re-issue --- */
extern const struct field_spec issue_act_fields[];
extern const struct field_spec issue_person_fields[];
extern const struct field_spec revoke_fields[];
int	 page_act_documents(struct req *);
int	 page_act_issue(struct req *);
int	 page_person_documents(struct req *);
int	 page_person_issue(struct req *);
int	 page_document(struct req *);
int	 page_document_pdf(struct req *);
int	 page_document_revoke_ask(struct req *);
int	 page_document_revoke(struct req *);

#endif
