<?cs # agent_reset.cs: the new temporary password of an agent, after
  POST /agents/{id}/reset-password. Reads Agent.Id, Agent.Username,
  Agent.DisplayName, Agent.TempPassword (shown once, stored nowhere). ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Agents.Reset.Title ?></h1>
<p class="flash flash-success" role="status"><?cs var:Lang.Agents.Reset.Done ?> <strong><?cs var:Agent.DisplayName ?></strong> (<span dir="ltr"><?cs var:Agent.Username ?></span>)</p>
<div class="temp-password">
<p><?cs var:Lang.Agents.TempPassword ?></p>
<p><code class="secret" dir="ltr" id="temp-password"><?cs var:Agent.TempPassword ?></code></p>
<p class="flash flash-warning" role="alert"><?cs var:Lang.Agents.ShownOnce ?></p>
</div>
<ul>
<li><a href="/agents/<?cs var:Agent.Id ?>"><?cs var:Lang.Agents.OpenAgent ?></a></li>
<li><a href="/agents"><?cs var:Lang.Agents.BackToList ?></a></li>
</ul><?cs
include:"layout/footer.cs" ?>
