<?cs # book_header.cs: the top of every page of the applicants' site
  (/book on the public vhost), up to the opening of <main>. Like
  layout/header.cs but lean (no agent bar) and its language links keep
  the booking's state: Book.LangHref is a local URL ending in "lang=".
  Reads Page.Lang, Page.Dir, Page.Title, Page.Languages.N.{Code,Label},
  Page.Flash.N.{Kind,Text}, Book.Step (1..7, or unset), Lang.*.
  Defines the macros of layout/macros.cs for the page. No script. ?><?cs
include:"layout/macros.cs" ?><!DOCTYPE html>
<html lang="<?cs var:Page.Lang ?>" dir="<?cs var:Page.Dir ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> – <?cs /if ?><?cs var:Lang.Book.Home ?></title>
<link rel="stylesheet" href="/static/havre.css">
<link rel="stylesheet" href="/static/book.css">
</head>
<body>
<a class="skip-link" href="#main"><?cs var:Lang.Layout.SkipLink ?></a>
<header class="site-header">
<div class="bar">
<a class="brand" href="/book"><?cs var:Lang.Book.Home ?></a>
<a class="manage-link" href="/book/manage"><?cs var:Lang.Book.Manage.Link ?></a>
<nav class="langs" aria-label="<?cs var:Lang.Lang.Switch ?>">
<ul><?cs
each:l = Page.Languages ?>
<li><a href="<?cs var:url_validate(Book.LangHref) ?><?cs var:url_escape(l.Code) ?>" lang="<?cs var:l.Code ?>" hreflang="<?cs var:l.Code ?>"<?cs
  if:l.Code == Page.Lang ?> aria-current="true"<?cs /if ?>><?cs var:l.Label ?></a></li><?cs
/each ?>
</ul>
</nav>
</div>
</header>
<main id="main" tabindex="-1"><?cs
if:Book.Step ?>
<p class="steps"><?cs var:Lang.Book.Step ?> <?cs var:Book.Step ?> / 7</p><?cs
/if ?><?cs
if:subcount(Page.Flash) > 0 ?>
<div class="flashes"><?cs
  each:f = Page.Flash ?><?cs
    if:f.Kind == "error" ?>
<p class="flash flash-error" role="alert"><?cs call:msg(f.Text) ?></p><?cs
    else ?>
<p class="flash flash-success" role="status"><?cs call:msg(f.Text) ?></p><?cs
    /if ?><?cs
  /each ?>
</div><?cs
/if ?>
