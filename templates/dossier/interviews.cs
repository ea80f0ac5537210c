<?cs # interviews.cs: the interview section of the dossier page, included
  by view.cs. Reads Interviews.N.{Reference, When, Zone, Site, Status,
  StatusCode, Active, Phone} (newest first; times in the site's zone),
  Dossier.InterviewActive and Can.Interview (the link to the picker,
  GET /dossier/{id}/interview, when no interview is active). ?>
<section aria-labelledby="interview-h" id="interview">
<h2 id="interview-h"><?cs var:Lang.Dossier.Interview.Title ?></h2><?cs
if:subcount(Interviews) > 0 ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Dossier.Interview.Title ?>">
<table>
<caption><?cs var:Lang.Dossier.Interview.Title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Dossier.Interview.When ?></th><th scope="col"><?cs var:Lang.Dossier.Interview.Site ?></th><th scope="col"><?cs var:Lang.Dossier.Interview.Reference ?></th><th scope="col"><?cs var:Lang.Dossier.Interview.StatusLabel ?></th></tr></thead>
<tbody><?cs
  each:i = Interviews ?>
<tr><td><span dir="ltr"><?cs var:i.When ?></span> <span class="hint" dir="ltr">(<?cs var:i.Zone ?>)</span></td><td><bdi><?cs var:i.Site ?></bdi></td><td dir="ltr"><?cs var:i.Reference ?></td><td><?cs var:Lang.Appt.Status[i.StatusCode] ?></td></tr><?cs
  /each ?>
</tbody>
</table>
</div><?cs
else ?>
<p><?cs var:Lang.Dossier.Interview.None ?></p><?cs
/if ?><?cs
if:Can.Interview ?><?cs
  if:Dossier.InterviewActive == "1" ?>
<p class="hint"><?cs var:Lang.Dossier.Interview.OneActive ?></p><?cs
  else ?>
<p><a class="btn" href="/dossier/<?cs var:Dossier.Id ?>/interview"><?cs var:Lang.Dossier.Interview.Book ?></a></p><?cs
  /if ?><?cs
/if ?>
</section>
