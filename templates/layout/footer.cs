<?cs # footer.cs: closes <main> and the page; shows the request id
  (Page.ReqId) so a user can quote it to support. ?>
</main>
<footer class="site-footer">
<p><?cs var:Lang.Layout.Footer ?></p><?cs
if:Page.ReqId ?>
<p class="reqid"><small><?cs var:Lang.Layout.RequestId ?> <code dir="ltr"><?cs var:Page.ReqId ?></code></small></p><?cs
/if ?>
</footer>
</body>
</html>
