import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { authSettings } from "@/lib/auth/settings";

export const dynamic = "force-dynamic";

export default function LoginPage() {
  const passwordLogin = authSettings().password !== null;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-zinc-200 p-6 shadow-sm dark:border-zinc-800">
        <div className="mb-5 flex items-center gap-2 text-lg font-semibold">
          <img src="/favicon.svg" alt="" className="size-7" />
          Keyscope
        </div>
        {passwordLogin ? (
          <Suspense>
            <LoginForm />
          </Suspense>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            This Keyscope accepts API tokens only (KEYSCOPE_TOKEN). Set KEYSCOPE_PASSWORD to log in
            from a browser.
          </p>
        )}
      </div>
    </main>
  );
}
