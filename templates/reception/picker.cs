<?cs # picker.cs: the site picker of the reception pages, a GET form
  to the current page (Page.Path). Reads Sites.N.{Value,Label} and
  Form.site.Value. Included after layout/header.cs. ?><?cs
if:subcount(Sites) > 1 ?>
<form method="get" action="<?cs var:url_validate(Page.Path) ?>" class="form form-inline picker"><?cs
  call:field_select("site", Lang.Reception.Site, Sites, 0) ?><?cs
  call:submit(Lang.Reception.Show) ?>
</form><?cs
/if ?>
