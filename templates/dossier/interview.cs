<?cs # interview.cs: book a dossier's interview (GET
  /dossier/{id}/interview?site=&day=; the re-rendered form of a refused
  POST). Reads Dossier.{Id, Reference, StatusLabel, InterviewActive},
  Interviews.N (interviews.cs), Interview.{Applicant, PersonId, Phone,
  Site, SiteName, Zone, Day, Prev, Next, OpenCount, MoveLabel},
  Interview.Sites.N and Interview.Langs.N.{Value, Label},
  Interview.Slots.N.{Id, Time, Remaining, Plural, Open} (times in the
  site's zone), the Conflict node and Form.*. One radio button per free
  time, as the call centre's picker; no script. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Dossier.Interview.Title ?> – <a href="/dossier/<?cs var:Dossier.Id ?>"><span dir="ltr"><?cs var:Dossier.Reference ?></span></a></h1><?cs
call:conflict_table(Lang.Dossier.Conflict, Lang.Dossier.ConflictAgain) ?><?cs
set:Form.site.Label = Lang.Dossier.Interview.Site ?><?cs
set:Form.lang.Label = Lang.Dossier.Interview.Lang ?><?cs
set:Form.slot.Label = Lang.Dossier.Interview.Time ?><?cs
set:Form.move.Label = Lang.Dossier.Interview.Move ?><?cs
call:form_summary() ?>
<dl class="record">
<dt><?cs var:Lang.Dossier.Interview.Applicant ?></dt><dd><?cs
if:Interview.Applicant ?><a href="/identity/persons/<?cs var:Interview.PersonId ?>"><bdi><?cs var:Interview.Applicant ?></bdi></a><?cs
else ?><?cs var:Lang.Dossier.Interview.Error.NoApplicant ?><?cs /if ?></dd>
<dt><?cs var:Lang.Dossier.Interview.SmsTo ?></dt><dd><?cs
if:Interview.Phone ?><span dir="ltr"><?cs var:Interview.Phone ?></span><?cs
else ?><span class="light light-amber"><?cs var:Lang.Dossier.Interview.NoPhone ?></span><?cs /if ?></dd>
<dt><?cs var:Lang.Dossier.Status ?></dt><dd><?cs var:Dossier.StatusLabel ?></dd>
</dl><?cs
if:Dossier.InterviewActive == "1" ?>
<p class="field-error" role="status"><?cs var:Lang.Dossier.Interview.Error.Active ?></p><?cs
  include:"dossier/interviews.cs" ?><?cs
elif:subcount(Interview.Sites) == 0 ?>
<p class="field-error" role="status"><?cs var:Lang.Dossier.Interview.NoSite ?></p><?cs
else ?>
<form method="get" action="/dossier/<?cs var:Dossier.Id ?>/interview" class="form form-inline"><?cs
  call:field_select("site", Lang.Dossier.Interview.Site, Interview.Sites, 1) ?>
<div class="field">
<label for="f-day"><?cs var:Lang.Dossier.Interview.Day ?></label>
<input type="date" id="f-day" name="day" value="<?cs var:Interview.Day ?>">
</div>
<div class="actions"><button type="submit" class="btn btn-secondary"><?cs var:Lang.Dossier.Interview.Show ?></button></div>
</form><?cs
  if:Interview.Site ?>
<p class="day-nav"><a href="/dossier/<?cs var:Dossier.Id ?>/interview?site=<?cs var:Interview.Site ?>&amp;day=<?cs var:url_escape(Interview.Prev) ?>"><?cs var:Lang.Dossier.Interview.PrevDay ?></a>
 · <a href="/dossier/<?cs var:Dossier.Id ?>/interview?site=<?cs var:Interview.Site ?>&amp;day=<?cs var:url_escape(Interview.Next) ?>"><?cs var:Lang.Dossier.Interview.NextDay ?></a>
 · <?cs var:Lang.Dossier.Interview.TimesIn ?> <span dir="ltr"><?cs var:Interview.Zone ?></span></p>
<form method="post" action="/dossier/<?cs var:Dossier.Id ?>/interview" class="form"><?cs call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Form.version.Value ?>">
<input type="hidden" name="site" value="<?cs var:Interview.Site ?>">
<input type="hidden" name="day" value="<?cs var:Interview.Day ?>">
<p><bdi><?cs var:Interview.SiteName ?></bdi><?cs var:Lang.Form.Comma ?> <span dir="ltr"><?cs var:Interview.Day ?></span></p>
<fieldset id="f-slot"<?cs if:Form.slot.Error ?> class="has-error" aria-describedby="e-slot"<?cs /if ?>>
<legend><?cs var:Lang.Dossier.Interview.Time ?> <span class="req">(<?cs var:Lang.Form.Required ?>)</span></legend><?cs
    if:Form.slot.Error ?><p class="field-error" id="e-slot"><?cs call:msg(Form.slot.Error) ?></p><?cs /if ?><?cs
    each:s = Interview.Slots ?><?cs
      if:s.Open == "1" ?>
<div class="field-check"><input type="radio" name="slot" id="f-slot-<?cs var:s.Id ?>" value="<?cs var:s.Id ?>"<?cs
        if:Form.slot.Value == s.Id ?> checked<?cs /if ?>>
<label for="f-slot-<?cs var:s.Id ?>"><span dir="ltr"><?cs var:s.Time ?></span> (<?cs call:count(s.Remaining, Lang.Appt.Left, s.Plural) ?>)</label></div><?cs
      /if ?><?cs
    /each ?><?cs
    if:Interview.OpenCount == 0 ?><p><?cs var:Lang.Dossier.Interview.NoFreeTime ?></p><?cs /if ?>
</fieldset><?cs
    call:field_select("lang", Lang.Dossier.Interview.Lang, Interview.Langs, 1) ?><?cs
    if:Interview.MoveLabel ?><?cs
      call:field_checkbox("move", Lang.Dossier.Interview.Move + " " + Interview.MoveLabel) ?><?cs
    elif:Form.move.Error ?>
<p class="field-error" id="f-move"><?cs call:msg(Form.move.Error) ?></p><?cs
    /if ?>
<p class="hint"><?cs var:Lang.Dossier.Interview.SmsHint ?></p><?cs
    call:submit(Lang.Dossier.Interview.Submit) ?>
</form><?cs
  /if ?><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
