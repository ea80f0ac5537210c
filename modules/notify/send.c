/*
 * send.c: one SMS through Kannel's HTTP sendsms interface with libcurl.
 *
 * Kannel answers 202 "0: Accepted for delivery", or 202 "3: Queued for
 * later delivery" while its SMSC is disconnected (it keeps the message
 * in its store); 503 when its queue is full; a refused connection when
 * smsbox is down. Anything but a 2xx is a reason to try again later.
 * Text is sent as UTF-8 (charset=UTF-8); coding=2 (UCS-2) when it is
 * not all GSM-7, or Arabic arrives as question marks. The message body
 * never reaches the log: errors name the message id only.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "buf.h"
#include "notify.h"

#define ANSWER_MAX	1024	/* bytes of the gateway's answer we keep */

/* See notify.h. */
int
send_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

/* See notify.h. */
void
send_cleanup(void)
{
	curl_global_cleanup();
}

/* libcurl write callback: keep the first ANSWER_MAX bytes. */
static size_t
on_data(char *p, size_t size, size_t n, void *arg)
{
	struct buf	*b = arg;
	size_t		 len = size * n;

	if (b->len < ANSWER_MAX)
		buf_append(b, p, len > ANSWER_MAX - b->len ?
		    ANSWER_MAX - b->len : len);
	return len;
}

/*
 * Append "&name=value" (value URL-escaped) to url. Returns 0 or -1.
 */
static int
add_param(CURL *c, struct buf *url, const char *name, const char *value)
{
	char	*e;
	int	 rc;

	if ((e = curl_easy_escape(c, value, 0)) == NULL)
		return -1;
	rc = buf_printf(url, "&%s=%s", name, e);
	curl_free(e);
	return rc;
}

/* See notify.h. */
enum send_rc
send_sms(const struct kannel *k, int64_t id, const char *to,
    const char *body, int ucs2, char *provider, size_t providersz,
    char *err, size_t errsz)
{
	CURL		*c = NULL;
	CURLcode	 cc;
	struct buf	 url = {0}, dlr = {0}, answer = {0};
	char		*esecret = NULL;
	long		 status = 0;
	enum send_rc	 rc = SEND_RETRY;
	size_t		 i;

	snprintf(err, errsz, "internal error");
	if ((c = curl_easy_init()) == NULL)
		goto out;
	if (buf_printf(&url, "%s?coding=%d&charset=UTF-8", k->url,
	    ucs2 ? 2 : 0) != 0 ||
	    add_param(c, &url, "username", k->user) != 0 ||
	    add_param(c, &url, "password", k->password) != 0 ||
	    add_param(c, &url, "to", to) != 0 ||
	    add_param(c, &url, "text", body) != 0)
		goto out;
	if (*k->sender != '\0' && add_param(c, &url, "from", k->sender) != 0)
		goto out;
	if (*k->dlr_url != '\0') {
		/* Our own id and the shared secret come back with the
		 * report; %d is Kannel's delivery status. */
		if ((esecret = curl_easy_escape(c, k->secret, 0)) == NULL)
			goto out;
		if (buf_printf(&dlr, "%s?id=%lld&k=%s&st=%%d", k->dlr_url,
		    (long long)id, esecret) != 0 ||
		    add_param(c, &url, "dlr-url", dlr.data) != 0 ||
		    buf_puts(&url, "&dlr-mask=19") != 0)
			goto out;
	}
	curl_easy_setopt(c, CURLOPT_URL, url.data);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 3L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, k->timeout);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	if ((cc = curl_easy_perform(c)) != CURLE_OK) {
		long	sent = 0;

		snprintf(err, errsz, "gateway: %s", curl_easy_strerror(cc));
		/* The request went out whole and no answer came back (Kannel
		 * stopped while handling it, or hangs): smsbox hands a
		 * message to bearerbox before it answers, so it was most
		 * likely taken. A second try would then send it twice (the
		 * SMS fault test saw it: a confirmation twice when Kannel
		 * stopped mid-burst). Connection failures stay SEND_RETRY:
		 * nothing reached the gateway. */
		curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &sent);
		if (sent > 0 && (cc == CURLE_GOT_NOTHING ||
		    cc == CURLE_RECV_ERROR || cc == CURLE_PARTIAL_FILE ||
		    cc == CURLE_OPERATION_TIMEDOUT))
			rc = SEND_UNKNOWN;
		goto out;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	/* The answer is the gateway's own words, one line. */
	for (i = 0; answer.data != NULL && i < answer.len; i++)
		if (answer.data[i] == '\r' || answer.data[i] == '\n' ||
		    (unsigned char)answer.data[i] < 0x20)
			answer.data[i] = ' ';
	if (status < 200 || status > 299) {
		snprintf(err, errsz, "gateway: HTTP %ld %.120s", status,
		    answer.data != NULL ? answer.data : "");
		goto out;
	}
	snprintf(provider, providersz, "%s",
	    answer.data != NULL ? answer.data : "");
	rc = SEND_OK;
out:
	if (esecret != NULL)
		curl_free(esecret);
	if (c != NULL)
		curl_easy_cleanup(c);
	buf_free(&url);
	buf_free(&dlr);
	buf_free(&answer);
	return rc;
}
