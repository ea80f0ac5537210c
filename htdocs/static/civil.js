// civil.js: zoom and rotate the source documents of the civil-status
// workbench (/civil/{id}). Each source's toolbar is hidden in the markup
// and shown here; without script the pages stay at their column's width.
(function () {
	'use strict';
	var figures = document.querySelectorAll('.wb-source');
	Array.prototype.forEach.call(figures, function (fig) {
		var bar = fig.querySelector('.wb-toolbar');
		var imgs = fig.querySelectorAll('.wb-page');
		var zoom = 1, turn = 0;
		if (!bar)
			return;
		function apply() {
			Array.prototype.forEach.call(imgs, function (img) {
				img.style.width = (zoom * 100) + '%';
				img.style.transform = turn ? 'rotate(' + turn + 'deg)' : '';
			});
			fig.setAttribute('data-zoom', String(zoom));
			fig.setAttribute('data-rotate', String(turn));
		}
		bar.hidden = false;
		bar.addEventListener('click', function (e) {
			var b = e.target.closest('button[data-act]');
			if (!b)
				return;
			var act = b.getAttribute('data-act');
			if (act === 'zoom-in' && zoom < 4)
				zoom = Math.round((zoom + 0.25) * 100) / 100;
			else if (act === 'zoom-out' && zoom > 0.5)
				zoom = Math.round((zoom - 0.25) * 100) / 100;
			else if (act === 'rotate')
				turn = (turn + 90) % 360;
			apply();
		});
	});
}());
