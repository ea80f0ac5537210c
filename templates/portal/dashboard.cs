<?cs # dashboard.cs: where an agent lands after signing in: the
  workflows their roles open (Dashboard.Items.N.{Href,Label,Help}). ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Dashboard.Title ?></h1><?cs
if:Dashboard.Count > 0 ?>
<p><?cs var:Lang.Dashboard.Intro ?></p>
<ul class="cards"><?cs
  each:i = Dashboard.Items ?>
<li class="card"><a href="<?cs var:url_validate(i.Href) ?>"><?cs var:i.Label ?></a>
<p><?cs var:i.Help ?></p></li><?cs
  /each ?>
</ul><?cs
else ?>
<p><?cs var:Lang.Dashboard.Empty ?></p><?cs
/if ?>
<p><a href="/me"><?cs var:Lang.Dashboard.Account ?></a></p><?cs
include:"layout/footer.cs" ?>
