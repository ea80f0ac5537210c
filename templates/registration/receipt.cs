<?cs # receipt.cs: GET /registration/receipt/{id}: the printable receipt
  of a saved household, one section per language (Receipt.Langs.N.{Lang,
  Dir, T.* with T.Comma, ProcedureName, MissingId, IsPriority}: the applicant's, then
  the agency's), with the facts (Receipt.{Reference, Date, Members.N.Name,
  Missing.N.Name}), the interview booked (Receipt.Interview.{Reference,
  When, Zone, Site, Address}) or, when none is, the form that books the
  one proposed (Interview.{Sites.N, Site, SiteName, Zone, Phone,
  Slots.N.{Id, When}, Langs.N}: the first time is the proposal). ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Registration.Receipt.PageTitle ?></h1><?cs
each:s = Receipt.Langs ?>
<section class="card" lang="<?cs var:s.Lang ?>" dir="<?cs var:s.Dir ?>" aria-labelledby="receipt-<?cs var:s.Lang ?>">
<h2 id="receipt-<?cs var:s.Lang ?>"><?cs var:s.T.Title ?></h2>
<p><?cs var:s.T.Intro ?></p>
<dl class="facts">
<dt><?cs var:s.T.Reference ?></dt><dd><strong dir="ltr"><?cs var:Receipt.Reference ?></strong></dd>
<dt><?cs var:s.T.Date ?></dt><dd dir="ltr"><?cs var:Receipt.Date ?></dd>
<dt><?cs var:s.T.Procedure ?></dt><dd><?cs var:s.ProcedureName ?><?cs if:s.IsPriority ?> (<?cs var:s.T.Priority ?>)<?cs /if ?></dd>
<dt><?cs var:s.T.Members ?></dt><dd><?cs each:m = Receipt.Members ?><bdi><?cs var:m.Name ?></bdi><?cs if:!last(m) ?><?cs var:s.T.Comma ?> <?cs /if ?><?cs /each ?></dd>
<dt><?cs var:s.T.Interview ?></dt><dd><?cs
  if:Receipt.Interview.When ?><span dir="ltr"><?cs var:Receipt.Interview.When ?></span> (<span dir="ltr"><?cs var:Receipt.Interview.Zone ?></span>)<?cs var:s.T.Comma ?> <bdi><?cs var:Receipt.Interview.Site ?></bdi><?cs
    if:Receipt.Interview.Address ?><?cs var:s.T.Comma ?> <bdi><?cs var:Receipt.Interview.Address ?></bdi><?cs /if ?>; <?cs var:s.T.InterviewRef ?> <strong dir="ltr"><?cs var:Receipt.Interview.Reference ?></strong><?cs
  else ?><?cs var:s.T.InterviewLater ?><?cs /if ?></dd>
<dt><?cs var:s.T.Missing ?></dt><dd><?cs
  if:subcount(Receipt.Missing) > 0 ?><?cs each:x = Receipt.Missing ?><?cs var:s.MissingId ?> <bdi><?cs var:x.Name ?></bdi><?cs if:!last(x) ?>; <?cs /if ?><?cs /each ?><?cs
  else ?><?cs var:s.T.None ?><?cs /if ?></dd>
</dl>
<p><?cs var:s.T.Follow ?></p>
<p class="hint"><?cs var:s.T.Keep ?></p>
</section><?cs
/each ?>
<?cs if:!Receipt.Interview.When ?>
<section class="card no-print" id="interview" aria-labelledby="interview-h">
<h2 id="interview-h"><?cs var:Lang.Registration.Interview.Title ?></h2><?cs
set:Form.site.Label = Lang.Registration.Interview.Site ?><?cs
set:Form.lang.Label = Lang.Registration.Interview.Lang ?><?cs
set:Form.slot.Label = Lang.Registration.Interview.Time ?><?cs
call:form_summary() ?><?cs
  if:subcount(Interview.Sites) == 0 ?>
<p role="status"><?cs var:Lang.Registration.Interview.NoSite ?></p><?cs
  else ?>
<form method="get" action="/registration/receipt/<?cs var:Receipt.Draft ?>#interview" class="form form-inline"><?cs
    call:field_select("site", Lang.Registration.Interview.Site, Interview.Sites, 1) ?>
<div class="actions"><button type="submit" class="btn btn-secondary"><?cs var:Lang.Registration.Interview.Show ?></button></div>
</form>
<form method="post" action="/registration/receipt/<?cs var:Receipt.Draft ?>/interview" class="form"><?cs call:hidden_csrf() ?>
<input type="hidden" name="site" value="<?cs var:Interview.Site ?>">
<p><?cs var:Lang.Registration.Interview.At ?> <bdi><?cs var:Interview.SiteName ?></bdi> · <?cs var:Lang.Registration.Interview.TimesIn ?> <span dir="ltr"><?cs var:Interview.Zone ?></span></p>
<fieldset id="f-slot"<?cs if:Form.slot.Error ?> class="has-error" aria-describedby="e-slot"<?cs /if ?>>
<legend><?cs var:Lang.Registration.Interview.Time ?> <span class="req">(<?cs var:Lang.Form.Required ?>)</span></legend><?cs
    if:Form.slot.Error ?><p class="field-error" id="e-slot"><?cs call:msg(Form.slot.Error) ?></p><?cs /if ?><?cs
    each:t = Interview.Slots ?>
<div class="field-check"><input type="radio" name="slot" id="f-slot-<?cs var:t.Id ?>" value="<?cs var:t.Id ?>"<?cs
      if:Form.slot.Value == t.Id ?> checked<?cs elif:!Form.slot.Value && first(t) ?> checked<?cs /if ?>>
<label for="f-slot-<?cs var:t.Id ?>"><span dir="ltr"><?cs var:t.When ?></span><?cs if:first(t) ?> (<?cs var:Lang.Registration.Interview.Proposed ?>)<?cs /if ?></label></div><?cs
    /each ?><?cs
    if:subcount(Interview.Slots) == 0 ?><p><?cs var:Lang.Registration.Interview.NoFreeTime ?></p><?cs /if ?>
</fieldset><?cs
    call:field_select("lang", Lang.Registration.Interview.Lang, Interview.Langs, 1) ?>
<p class="hint"><?cs var:Lang.Registration.Interview.SmsTo ?> <?cs
    if:Interview.Phone ?><span dir="ltr"><?cs var:Interview.Phone ?></span><?cs
    else ?><?cs var:Lang.Registration.Interview.NoPhone ?><?cs /if ?></p><?cs
    if:subcount(Interview.Slots) > 0 ?><?cs call:submit(Lang.Registration.Interview.Submit) ?><?cs /if ?>
</form><?cs
  /if ?>
</section><?cs
/if ?>
<p><a href="/registration"><?cs var:Lang.Registration.BackToDesk ?></a></p><?cs
include:"layout/footer.cs" ?>
