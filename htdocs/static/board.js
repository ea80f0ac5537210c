// board.js: reload the hall's display board (/board/{site}) every
// data-refresh seconds. Without script, the page's <noscript> meta
// refresh does the same.
(function () {
	'use strict';
	var s = parseInt(document.body.getAttribute('data-refresh'), 10);
	if (!(s >= 2 && s <= 300))
		s = 10;
	window.setTimeout(function () { window.location.reload(); }, s * 1000);
}());
