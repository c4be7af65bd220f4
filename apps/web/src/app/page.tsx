export default function Home() {
  return (
    <>
      <h1>shipshape</h1>
      <p>
        This app is the first thing the shipshape pipeline guards. Its
        self-check reports whether the configuration is valid and whether
        Supabase&apos;s REST API and the database answer.
      </p>
      <p>
        <a href="/status">See the current status</a>
      </p>
    </>
  );
}
