<?cs # book_footer.cs: closes <main> and the page of the applicants'
  site; shows the request id (Page.ReqId) to quote to support. ?>
</main>
<footer class="site-footer">
<p><a href="/book"><?cs var:Lang.Book.StartAgain ?></a> · <a href="/book/manage"><?cs var:Lang.Book.Manage.Link ?></a></p><?cs
if:Page.ReqId ?>
<p class="reqid"><small><?cs var:Lang.Layout.RequestId ?> <code dir="ltr"><?cs var:Page.ReqId ?></code></small></p><?cs
/if ?>
</footer>
</body>
</html>
