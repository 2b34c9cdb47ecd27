import { SlipwayError } from '@slipway/errors';
import { type ImagePolicy, quoted } from '@slipway/gitops/access';
import { parseReference } from '@slipway/oci/reference';

/** A Kubernetes namespace (a DNS label) and an object name (a DNS subdomain), as Flux markers name them. */
const POLICY = /^([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?):([a-z0-9](?:[-.a-z0-9]{0,251}[a-z0-9])?)$/;

/**
 * `--image-policy <namespace>:<name>[=<image repo>]`, each policy once: the image is one of `images` (the only
 * one when `=` is left out), or with `anyRepository` any valid repository (status lists every image).
 */
export function parseImagePolicies(
  texts: readonly string[],
  images: readonly { readonly name: string; readonly repository: string }[],
  options: { readonly anyRepository?: boolean } = {},
): ImagePolicy[] {
  const policies = new Map<string, ImagePolicy>();
  for (const text of texts) {
    const trimmed = text.trim();
    const equals = trimmed.indexOf('=');
    const policy = (equals < 0 ? trimmed : trimmed.slice(0, equals)).trim();
    if (!POLICY.test(policy)) {
      throw new SlipwayError(
        `--image-policy ${quoted(text)} does not name a Flux ImagePolicy as <namespace>:<name>`,
        {
          fix: 'write it as in the markers, e.g. --image-policy flux-system:cart=registry.example.com/shop/cart',
        },
      );
    }
    let repository: string | undefined;
    if (equals >= 0) {
      const image = trimmed.slice(equals + 1).trim();
      const named = safeRepository(image);
      repository = images.find((i) => i.name === image || i.repository === named)?.repository;
      if (repository === undefined && options.anyRepository === true) repository = named;
      if (repository === undefined) {
        throw new SlipwayError(
          options.anyRepository === true
            ? `--image-policy ${quoted(text)} names ${quoted(image)}, which is not an image repository`
            : `--image-policy ${quoted(text)} names image ${quoted(image)}, which is not promoted here`,
          {
            fix:
              options.anyRepository === true
                ? 'after "=", write the image repository, e.g. registry.example.com/shop/cart'
                : 'after "=", use the repository of one of the --image values',
          },
        );
      }
    } else if (images.length === 1) {
      repository = images[0]?.repository;
    }
    if (repository === undefined) {
      throw new SlipwayError(`--image-policy ${quoted(text)} does not say which image its markers hold`, {
        fix: `add "=" and the image repository, e.g. --image-policy ${policy}=registry.example.com/shop/cart`,
      });
    }
    const earlier = policies.get(policy);
    if (earlier !== undefined && earlier.repository !== repository) {
      throw new SlipwayError(
        `--image-policy ${policy} is given for two images (${earlier.repository} and ${repository})`,
        {
          fix: 'tie each ImagePolicy to one image',
        },
      );
    }
    policies.set(policy, { policy, repository });
  }
  return [...policies.values()];
}

function safeRepository(text: string): string | undefined {
  try {
    return parseReference(text).repository;
  } catch {
    return undefined;
  }
}
