<?cs # footer.cs: closes <main> and the page; shows the request id
  (Page.ReqId) so a user can quote it to support. ?>
</main>
<footer class="site-footer">
<p><?cs var:Lang.Layout.Footer ?></p><?cs
call:request_id() ?>
</footer>
</body>
</html>
