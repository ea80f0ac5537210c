<?cs # public_footer.cs: closes <main> and the page of the applicants'
  pages of the public vhost (layout/public_header.cs opened it): a link
  to start again (Public.StartAgain, to Public.HomeHref), the bar's
  second link (Public.Manage, Public.ManageHref, if set) and the request
  id (Page.ReqId) to quote to support. No newline ends this file: the
  including footer's own ends the page. ?>
</main>
<footer class="site-footer">
<p><a href="<?cs var:url_validate(Public.HomeHref) ?>"><?cs var:Public.StartAgain ?></a><?cs
if:Public.ManageHref ?> · <a href="<?cs var:url_validate(Public.ManageHref) ?>"><?cs var:Public.Manage ?></a><?cs
/if ?></p><?cs
call:request_id() ?>
</footer>
</body>
</html>