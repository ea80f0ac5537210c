<?cs # home.cs: the appointments section (GET /appointments). Reads
  Appt.Can.{Configure,Book} and Appt.Sites.N.{Id,Name}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Appt.Title ?></h1>
<ul class="links"><?cs
if:Appt.Can.Book == "1" ?>
<li><a href="/appointments/callcentre"><?cs var:Lang.Appt.CallCentre.Title ?></a></li><?cs
/if ?>
<li><a href="/appointments/day"><?cs var:Lang.Appt.Day.Title ?></a></li><?cs
if:Appt.Can.Configure == "1" ?>
<li><a href="/appointments/sites"><?cs var:Lang.Appt.Sites.Title ?></a></li>
<li><a href="/appointments/services"><?cs var:Lang.Appt.Services.Title ?></a></li>
<li><a href="/appointments/levels"><?cs var:Lang.Appt.Levels.Title ?></a></li>
<li><a href="/appointments/quota"><?cs var:Lang.Appt.Quota.Title ?></a></li><?cs
/if ?>
</ul><?cs
include:"layout/footer.cs" ?>
