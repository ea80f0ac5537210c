<?cs # receipt.cs: GET /registration/receipt/{id}: the printable receipt
  of a saved household, one section per language (Receipt.Langs.N.{Lang,
  Dir, T.*, ProcedureName, MissingId, IsPriority}: the applicant's, then
  the agency's), with the facts (Receipt.{Reference, Date, Members.N.Name,
  Missing.N.Name}). ?><?cs
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
<dt><?cs var:s.T.Members ?></dt><dd><?cs each:m = Receipt.Members ?><bdi><?cs var:m.Name ?></bdi><?cs if:!last(m) ?>, <?cs /if ?><?cs /each ?></dd>
<dt><?cs var:s.T.Missing ?></dt><dd><?cs
  if:subcount(Receipt.Missing) > 0 ?><?cs each:x = Receipt.Missing ?><?cs var:s.MissingId ?> <bdi><?cs var:x.Name ?></bdi><?cs if:!last(x) ?>; <?cs /if ?><?cs /each ?><?cs
  else ?><?cs var:s.T.None ?><?cs /if ?></dd>
</dl>
<p><?cs var:s.T.Follow ?></p>
<p class="hint"><?cs var:s.T.Keep ?></p>
</section><?cs
/each ?>
<p><a href="/registration"><?cs var:Lang.Registration.BackToDesk ?></a></p><?cs
include:"layout/footer.cs" ?>
