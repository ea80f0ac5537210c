<?cs # me.cs: the signed-in agent's own account (GET /me). Reads
  Me.{Username, DisplayName, Email, Lang, MustChange, TimeZone},
  Me.Roles.N.Label and Me.Sessions.N.{Id, Created, LastSeen, Addr,
  UserAgent, Current}. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Me.Title ?></h1>
<h2><?cs var:Lang.Me.Profile ?></h2>
<dl class="profile">
<dt><?cs var:Lang.Me.Username ?></dt>
<dd dir="ltr"><?cs var:Me.Username ?></dd>
<dt><?cs var:Lang.Me.DisplayName ?></dt>
<dd><?cs var:Me.DisplayName ?></dd>
<dt><?cs var:Lang.Me.Email ?></dt>
<dd dir="ltr"><?cs if:Me.Email ?><?cs var:Me.Email ?><?cs else ?><?cs var:Lang.Me.None ?><?cs /if ?></dd>
<dt><?cs var:Lang.Me.Language ?></dt>
<dd><?cs var:Me.Lang ?></dd>
<dt><?cs var:Lang.Me.Roles ?></dt>
<dd><?cs if:subcount(Me.Roles) > 0 ?><ul><?cs each:ro = Me.Roles ?>
<li><?cs var:ro.Label ?></li><?cs /each ?>
</ul><?cs else ?><?cs var:Lang.Me.None ?><?cs /if ?></dd>
</dl>
<p><a href="/password"><?cs var:Lang.Me.ChangePassword ?></a></p>
<h2 id="sessions"><?cs var:Lang.Me.Sessions ?></h2>
<p><?cs var:Lang.Me.SessionsIntro ?></p>
<div class="table-wrap">
<table aria-labelledby="sessions">
<thead>
<tr>
<th scope="col"><?cs var:Lang.Me.Created ?> (<?cs var:Me.TimeZone ?>)</th>
<th scope="col"><?cs var:Lang.Me.LastSeen ?></th>
<th scope="col"><?cs var:Lang.Me.Address ?></th>
<th scope="col"><?cs var:Lang.Me.Browser ?></th>
<th scope="col"><?cs var:Lang.Me.Action ?></th>
</tr>
</thead>
<tbody><?cs
if:subcount(Me.Sessions) > 0 ?><?cs
  each:s = Me.Sessions ?>
<tr<?cs if:s.Current ?> class="current"<?cs /if ?>>
<th scope="row"><?cs var:s.Created ?><?cs if:s.Current ?> <strong class="this-session">(<?cs var:Lang.Me.ThisSession ?>)</strong><?cs /if ?></th>
<td><?cs var:s.LastSeen ?></td>
<td dir="ltr"><?cs var:s.Addr ?></td>
<td><?cs var:s.UserAgent ?></td>
<td><form method="post" action="/me/sessions/<?cs var:s.Id ?>/revoke"><?cs
    call:hidden_csrf() ?>
<button type="submit" class="btn btn-secondary"><?cs if:s.Current ?><?cs var:Lang.Me.RevokeCurrent ?><?cs else ?><?cs var:Lang.Me.Revoke ?><?cs /if ?></button>
</form></td>
</tr><?cs
  /each ?><?cs
else ?><?cs
  call:table_empty(5) ?><?cs
/if ?>
</tbody>
</table>
</div><?cs
include:"layout/footer.cs" ?>
