// registration.js: the desk's webcam for a member's photo
// (/registration/member/{pos}). Progressive enhancement: without script,
// or where the browser has no camera API, the page keeps its file input
// and the upload works as it is. Where getUserMedia exists, "Use the
// camera" shows the webcam's picture; "Take the photo" draws it on a
// canvas and puts it, as a JPEG, into the same file input, so that the
// form sends it as an upload (the server checks its type and size as for
// any file). A camera refused or missing leaves a message and the file
// input.
(function () {
	'use strict';
	var forms = document.querySelectorAll('.photo-form');
	Array.prototype.forEach.call(forms, function (form) {
		var box = form.querySelector('.camera');
		var input = form.querySelector('input[type="file"]');
		var start = form.querySelector('.camera-start');
		var take = form.querySelector('.camera-take');
		var video = form.querySelector('.camera-view');
		var canvas = form.querySelector('.camera-shot');
		var status = form.querySelector('.camera-status');
		var stream = null;
		if (!box || !input || !navigator.mediaDevices ||
		    typeof navigator.mediaDevices.getUserMedia !== 'function' ||
		    typeof DataTransfer !== 'function' || !canvas.toBlob)
			return;
		box.hidden = false;
		function stop() {
			if (stream) {
				stream.getTracks().forEach(function (t) { t.stop(); });
				stream = null;
			}
			video.hidden = true;
			take.hidden = true;
		}
		start.addEventListener('click', function () {
			status.textContent = '';
			navigator.mediaDevices.getUserMedia({ video: true, audio: false })
				.then(function (s) {
					stream = s;
					video.srcObject = s;
					video.hidden = false;
					take.hidden = false;
					take.focus();
				})
				.catch(function () {
					stop();
					status.textContent = status.getAttribute('data-denied');
					input.focus();
				});
		});
		take.addEventListener('click', function () {
			var w = video.videoWidth, h = video.videoHeight;
			if (!w || !h)
				return;
			canvas.width = w;
			canvas.height = h;
			canvas.getContext('2d').drawImage(video, 0, 0, w, h);
			canvas.toBlob(function (blob) {
				var dt;
				if (!blob)
					return;
				dt = new DataTransfer();
				dt.items.add(new File([blob], 'webcam.jpg',
				    { type: 'image/jpeg' }));
				input.files = dt.files;
				canvas.hidden = false;
				stop();
				status.textContent = status.getAttribute('data-taken');
			}, 'image/jpeg', 0.9);
		});
		window.addEventListener('pagehide', stop);
	});
}());
