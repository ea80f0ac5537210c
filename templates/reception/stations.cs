<?cs # stations.cs: stations and counters of a service at a site (GET
  /reception/stations; also the answer to a refused change). Reads
  Site.*, Services.N.*, Stations.{Service, Next, Languages, Error,
  Conflict.{Name, Position, Mine}}, Stations.List.N.{Id, Position, Name,
  Active, Version, Counters.M.{Id, Name, Active, Version}}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Reception.Stations.Title ?><?cs if:Site.Name ?> – <?cs var:Site.Name ?><?cs /if ?></h1><?cs
if:Stations.Error ?><p class="flash flash-error" role="alert"><?cs var:Stations.Error ?></p><?cs /if ?><?cs
if:Stations.Conflict.Name ?>
<div class="flash flash-error" role="alert"><p><?cs var:Lang.Reception.Error.Stale ?></p>
<p><?cs var:Lang.Reception.Stations.Stored ?><?cs var:Lang.Form.Colon ?> <strong><?cs var:Stations.Conflict.Name ?></strong><?cs if:Stations.Conflict.Position ?> (<?cs var:Stations.Conflict.Position ?>)<?cs /if ?>; <?cs var:Lang.Reception.Stations.Yours ?><?cs var:Lang.Form.Colon ?> <strong><?cs var:Stations.Conflict.Mine ?></strong></p></div><?cs
/if ?><?cs
if:Site.Id ?>
<form method="get" action="/reception/stations" class="form form-inline"><?cs
  if:subcount(Sites) > 1 ?><?cs call:field_select("site", Lang.Reception.Site, Sites, 0) ?><?cs
  else ?><input type="hidden" name="site" value="<?cs var:Site.Id ?>"><?cs /if ?><?cs
  call:field_select("service", Lang.Reception.Checkin.Service, Services, 0) ?><?cs
  call:submit(Lang.Reception.Show) ?>
</form><?cs
  if:Stations.Service ?>
<ol class="stations"><?cs
    each:s = Stations.List ?>
<li>
<form method="post" action="/reception/stations/<?cs var:s.Id ?>" class="form form-inline"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:s.Version ?>">
<div class="field"><label for="st-<?cs var:s.Id ?>-pos"><?cs var:Lang.Reception.Stations.Position ?></label>
<input type="number" min="1" max="99" id="st-<?cs var:s.Id ?>-pos" name="position" value="<?cs var:s.Position ?>"></div>
<div class="field"><label for="st-<?cs var:s.Id ?>-name"><?cs var:Lang.Reception.Stations.Name ?></label>
<input type="text" id="st-<?cs var:s.Id ?>-name" name="name" value="<?cs var:s.Name ?>"></div>
<div class="field field-check"><input type="checkbox" id="st-<?cs var:s.Id ?>-act" name="active" value="1"<?cs if:s.Active == "1" ?> checked<?cs /if ?>>
<label for="st-<?cs var:s.Id ?>-act"><?cs var:Lang.Reception.Stations.Active ?></label></div>
<button type="submit" class="btn btn-small"><?cs var:Lang.Reception.Stations.Save ?></button>
</form>
<ul class="counters"><?cs
      each:c = s.Counters ?>
<li><form method="post" action="/reception/counters/<?cs var:c.Id ?>" class="form form-inline"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:c.Version ?>">
<div class="field"><label for="c-<?cs var:c.Id ?>-name"><?cs var:Lang.Reception.Counter.Desk ?></label>
<input type="text" id="c-<?cs var:c.Id ?>-name" name="name" value="<?cs var:c.Name ?>"></div>
<div class="field field-check"><input type="checkbox" id="c-<?cs var:c.Id ?>-act" name="active" value="1"<?cs if:c.Active == "1" ?> checked<?cs /if ?>>
<label for="c-<?cs var:c.Id ?>-act"><?cs var:Lang.Reception.Stations.Active ?></label></div>
<button type="submit" class="btn btn-small"><?cs var:Lang.Reception.Stations.Save ?></button>
</form></li><?cs
      /each ?>
<li><form method="post" action="/reception/stations/<?cs var:s.Id ?>/counters" class="form form-inline"><?cs call:hidden_csrf() ?>
<div class="field"><label for="nc-<?cs var:s.Id ?>"><?cs var:Lang.Reception.Stations.NewCounter ?></label>
<input type="text" id="nc-<?cs var:s.Id ?>" name="name" value=""></div>
<button type="submit" class="btn btn-small"><?cs var:Lang.Reception.Stations.Add ?></button>
</form></li>
</ul>
</li><?cs
    /each ?>
</ol>
<h2><?cs var:Lang.Reception.Stations.New ?></h2>
<form method="post" action="/reception/stations" class="form"><?cs call:hidden_csrf() ?>
<input type="hidden" name="site" value="<?cs var:Site.Id ?>">
<input type="hidden" name="service" value="<?cs var:Stations.Service ?>">
<div class="field"><label for="f-name"><?cs var:Lang.Reception.Stations.Name ?></label>
<input type="text" id="f-name" name="name" value=""></div>
<div class="field"><label for="f-position"><?cs var:Lang.Reception.Stations.Position ?></label>
<input type="number" min="1" max="99" id="f-position" name="position" value="<?cs var:Stations.Next ?>"></div><?cs
    call:submit(Lang.Reception.Stations.Add) ?>
</form><?cs
  /if ?>
<h2><?cs var:Lang.Reception.Stations.BoardLanguages ?></h2>
<form method="post" action="/reception/sites/<?cs var:Site.Id ?>/languages" class="form"><?cs call:hidden_csrf() ?><?cs
  if:!Form.languages.Value ?><?cs set:Form.languages.Value = Stations.Languages ?><?cs /if ?><?cs
  call:field_text("languages", Lang.Reception.Stations.LanguagesLabel, "text", 1) ?><?cs
  call:submit(Lang.Reception.Stations.Save) ?>
</form><?cs
else ?>
<p><?cs var:Lang.Reception.NoSite ?></p><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
