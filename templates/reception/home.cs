<?cs # home.cs: the reception's landing page (GET /reception). Reads
  Site.*, Home.{Checkin,Counter,Dashboard,Configure} (1 when the agent
  may use that page). ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Reception.Title ?></h1><?cs
include:"reception/picker.cs" ?><?cs
if:Site.Id ?>
<p><?cs var:Lang.Reception.Site ?><?cs var:Lang.Form.Colon ?> <strong><?cs var:Site.Name ?></strong></p>
<ul class="links"><?cs
  if:Home.Checkin == "1" ?>
<li><a href="/reception/checkin?site=<?cs var:url_escape(Site.Id) ?>"><?cs var:Lang.Reception.Checkin.Title ?></a></li><?cs /if ?><?cs
  if:Home.Counter == "1" ?>
<li><a href="/reception/counter?site=<?cs var:url_escape(Site.Id) ?>"><?cs var:Lang.Reception.Counter.Title ?></a></li><?cs /if ?><?cs
  if:Home.Dashboard == "1" ?>
<li><a href="/reception/dashboard?site=<?cs var:url_escape(Site.Id) ?>"><?cs var:Lang.Reception.Dash.Title ?></a></li><?cs /if ?><?cs
  if:Home.Configure == "1" ?>
<li><a href="/reception/stations?site=<?cs var:url_escape(Site.Id) ?>"><?cs var:Lang.Reception.Stations.Title ?></a></li><?cs /if ?>
</ul>
<p><?cs var:Lang.Reception.BoardHint ?> <code dir="ltr">/board/<?cs var:Site.Code ?></code></p><?cs
else ?>
<p><?cs var:Lang.Reception.NoSite ?></p><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
