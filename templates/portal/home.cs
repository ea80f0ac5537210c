<?cs include:"layout/header.cs" ?>
<h1><?cs var:Lang.Portal.Home.Title ?></h1>
<p class="lead"><?cs var:Lang.Portal.Home.Intro ?></p>
<p class="meta"><?cs var:Lang.Portal.Home.Schema ?> <?cs var:Portal.SchemaVersion ?></p>
<?cs include:"layout/footer.cs" ?>
