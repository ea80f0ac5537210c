<?cs # status_footer.cs: closes <main> and the page of the applicant's
  status pages; shows the request id (Page.ReqId) to quote to support. ?>
</main>
<footer class="site-footer">
<p><a href="/status"><?cs var:Lang.Status.StartAgain ?></a></p><?cs
if:Page.ReqId ?>
<p class="reqid"><small><?cs var:Lang.Layout.RequestId ?> <code dir="ltr"><?cs var:Page.ReqId ?></code></small></p><?cs
/if ?>
</footer>
</body>
</html>
