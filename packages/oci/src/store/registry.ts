// A repository of a registry, over the distribution API (OCI distribution-spec 1.1) on RegistryClient.
//
// Uploads: a blob up to 16 MiB is buffered and goes `POST` then one `PUT ?digest=`, replayable on a
// retry. A larger one goes `POST`, one `PATCH` streamed as it is read (what docker, containerd and skopeo
// do), then `PUT ?digest=`; or, when `chunkSize` is set, in buffered `PATCH` chunks with `Content-Range`
// for registries that cap request sizes. A request the client cannot get through after its own retries
// (503s, dropped connections; a stream gets one try), or a session the registry lost (404, 416), restarts
// the whole upload in a fresh session with a fresh `open()`, after a backoff, within the client's attempts
// (3 by default). The registry checks the digest at the final PUT.
//
// Downloads: a body that breaks off is resumed with `Range: bytes=<read>-` (or, when the registry answers
// the whole blob again, restarted with the bytes already passed on skipped), on the same backoff and
// attempts. Either way only the last failure reaches the caller, saying how many attempts it took.
// `startUpload` sends the `POST` before the blob is known, so a caller can overlap it with other round trips;
// its `put` is the same upload from there, restarts included.

import { SlipwayError } from '@slipway/errors';
import { MAX_MANIFEST_BYTES, MAX_TAG_LIST_BYTES } from '../registry/bounded-read.js';
import { RegistryClient, type RegistryClientOptions, type RegistryRequest } from '../registry/client.js';
import { computeDigest, createDigestHash, digestAlgorithm, isVerifiableDigest } from '../registry/digest.js';
import { networkErrorCode, RegistryError, readDistributionErrors } from '../registry/errors.js';
import { BodyLengthError, type HttpResponse } from '../registry/http.js';
import { type AnswerBound, readBoundedAnswer, readManifestBody } from '../registry/manifest-read.js';
import { MANIFEST_ACCEPT, OCI_IMAGE_INDEX } from '../registry/media-types.js';
import { RetryBudget, type RetryOptions } from '../registry/retry.js';
import { isRecord, type ParsedManifest, parseManifest, referrersTag } from './manifest.js';
import type {
  BlobContent,
  BlobReadOptions,
  Descriptor,
  ImageRepository,
  PendingUpload,
  StoredManifest,
} from './types.js';

/** Blobs up to this size go in one buffered request. */
export const SINGLE_REQUEST_LIMIT = 16 * 1024 * 1024;
/**
 * A blob request may stay silent for long: a registry finishing a large upload (moving it within its
 * storage) answers the final PUT only then. Metadata requests keep the client's shorter limit.
 */
const BULK_TIMEOUT_MS = 10 * 60 * 1000;

const TAG_LIST_BOUND: AnswerBound = {
  limit: MAX_TAG_LIST_BYTES,
  holder: 'a page of tags',
  fix: 'the registry or a proxy in front of it is misbehaving; if the repository really has this many tags, ask for a registry that paginates its tag list',
};

export interface RegistryRepositoryOptions extends RegistryClientOptions {
  /**
   * Upload blobs larger than this in buffered PATCH chunks of this size (`Content-Range`), for
   * registries that cap request sizes. Unset: blobs up to 16 MiB in one PUT, larger ones in one
   * streamed PATCH.
   */
  readonly chunkSize?: number | undefined;
  /** `n` for tag listing; default: the registry's own page size. */
  readonly tagsPageSize?: number | undefined;
}

export class RegistryRepository implements ImageRepository {
  readonly name: string;
  readonly registry: string;
  /** The path inside the registry: `shop/cart`. */
  readonly path: string;
  readonly client: RegistryClient;
  readonly #bulk: RegistryClient;
  /** Attempts and backoff for whole blob transfers (a download resumed, an upload restarted). */
  readonly #transferRetry: RetryOptions;
  readonly #chunkSize: number | undefined;
  readonly #pageSize: number | undefined;
  #referrersApi: boolean | undefined;

  constructor(domain: string, path: string, options: RegistryRepositoryOptions = {}) {
    this.client = new RegistryClient(domain, options);
    this.#bulk = new RegistryClient(domain, {
      ...options,
      retry: { ...options.retry, timeoutMs: Math.max(options.retry?.timeoutMs ?? 0, BULK_TIMEOUT_MS) },
    });
    this.#transferRetry = { ...options.retry, sleep: options.retry?.sleep ?? options.sleep };
    this.registry = this.client.endpoint.domain;
    this.path = path;
    this.name = `${this.registry}/${path}`;
    this.#chunkSize = options.chunkSize === undefined ? undefined : Math.max(1024, options.chunkSize);
    this.#pageSize = options.tagsPageSize;
  }

  /**
   * A digest is asked with `HEAD` (the digest is ours; the answer only says it exists). A tag is read with
   * `GET` and its digest computed from the bytes: a `HEAD` would cost the same round trip and leave the
   * digest to the registry's word.
   */
  async resolve(reference: string): Promise<Descriptor | undefined> {
    const asked = checkReference(this, reference);
    if (asked !== undefined) {
      const request = this.#manifestRequest('HEAD', reference);
      const head = await this.client.request(request);
      await head.discard();
      if (head.status === 404) return undefined;
      if (head.ok) {
        const digest = head.headers.get('docker-content-digest');
        const length = Number(head.headers.get('content-length') ?? Number.NaN);
        const mediaType = contentType(head);
        if (digest !== null && digest !== '' && digest !== asked)
          throw this.#mismatch(request, asked, digest);
        if (Number.isFinite(length) && length <= MAX_MANIFEST_BYTES && mediaType !== '') {
          return { mediaType, digest: asked, size: length };
        }
      }
    }
    const manifest = await this.getManifest(reference);
    return manifest === undefined
      ? undefined
      : { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.bytes.byteLength };
  }

  async getManifest(reference: string): Promise<StoredManifest | undefined> {
    const asked = checkReference(this, reference);
    const request = this.#manifestRequest('GET', reference);
    const response = await this.client.request(request);
    if (response.status === 404) {
      await response.discard();
      return undefined;
    }
    if (!response.ok) throw await this.client.errorFor(response, request);
    const body = await readManifestBody(this.client, response, request, asked);
    const parsed = parseManifest(body.bytes, body.contentType, `${this.name}@${body.digest}`);
    return { digest: body.digest, mediaType: parsed.mediaType, bytes: body.bytes };
  }

  async putManifest(manifest: StoredManifest, tags: readonly string[]): Promise<void> {
    const algorithm = digestAlgorithm(manifest.digest);
    const computed = algorithm === undefined ? undefined : computeDigest(manifest.bytes, algorithm);
    if (computed !== manifest.digest) {
      throw new SlipwayError(
        `manifest bytes hash to ${computeDigest(manifest.bytes)}, not ${manifest.digest}`,
        { where: this.name, fix: 'pass the manifest bytes unchanged (a digest names exact bytes)' },
      );
    }
    // A PUT by tag stores the manifest and moves the tag in one step; without tags, store by digest.
    for (const reference of tags.length === 0 ? [manifest.digest] : tags) {
      checkReference(this, reference);
      const request: RegistryRequest = {
        method: 'PUT',
        repository: this.path,
        resource: `manifests/${reference}`,
        reference,
        actions: ['pull', 'push'],
        headers: { 'Content-Type': manifest.mediaType },
        body: manifest.bytes,
        what: `manifest ${reference}`,
      };
      const response = await this.client.request(request);
      if (response.status !== 201 && response.status !== 200 && response.status !== 202) {
        throw await this.#pushError(response, request);
      }
      await response.discard();
      const answered = response.headers.get('docker-content-digest');
      if (answered !== null && answered !== '' && answered !== manifest.digest) {
        throw this.#mismatch(request, manifest.digest, answered);
      }
    }
  }

  async hasBlob(digest: string): Promise<boolean> {
    checkDigest(this, digest);
    const request = this.#blobRequest('HEAD', digest);
    const response = await this.client.request(request);
    await response.discard();
    if (response.ok) return true;
    if (response.status === 404) return false;
    throw await this.client.errorFor(response, request);
  }

  async getBlob(digest: string, options: BlobReadOptions = {}): Promise<BlobContent> {
    checkDigest(this, digest);
    const request = this.#blobRequest('GET', digest);
    const response = await this.#bulk.request(request);
    if (!response.ok) throw await this.#bulk.errorFor(response, request);
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    const size = Number.isFinite(length) ? length : undefined;
    return {
      size: size ?? -1,
      stream: this.#verified(
        this.#resumable(response, request, digest, size),
        digest,
        size,
        options.verify ?? true,
      ),
    };
  }

  async putBlob(descriptor: Descriptor, open: () => Promise<BlobContent>): Promise<void> {
    await this.#putBlob(descriptor, open, undefined);
  }

  async startUpload(): Promise<PendingUpload> {
    const location = await this.#startUpload();
    let state: 'open' | 'put' | 'cancelled' = 'open';
    return {
      put: async (descriptor, open) => {
        if (state !== 'open') {
          throw new SlipwayError(
            state === 'put'
              ? `this upload session already took a blob; it cannot take ${descriptor.digest} too`
              : `this upload session was cancelled; it cannot take ${descriptor.digest}`,
            {
              where: this.name,
              fix: 'open one session per blob (startUpload), or upload with putBlob',
            },
          );
        }
        state = 'put';
        await this.#putBlob(descriptor, open, location);
      },
      cancel: async () => {
        // Once put has it, the session is put's to finish or give back.
        if (state !== 'open') return;
        state = 'cancelled';
        await this.#cancel(location);
      },
    };
  }

  /**
   * Uploads with restarts; `opened` is a session from startUpload for the first try. A failure of the
   * source (`open`, or its stream) is not the upload's to retry: the source retried it already.
   */
  async #putBlob(
    descriptor: Descriptor,
    open: () => Promise<BlobContent>,
    opened: string | undefined,
  ): Promise<void> {
    const budget = new RetryBudget(this.#transferRetry);
    for (;;) {
      const session: UploadSession = { location: budget.attempt === 1 ? opened : undefined };
      try {
        // Inside the try: a descriptor refused here still gives an opened session back.
        checkDigest(this, descriptor.digest);
        session.location ??= await this.#startUpload(descriptor.digest);
        await this.#upload(session, descriptor, await fromSource(open));
        return;
      } catch (error) {
        if (session.location !== undefined) await this.#cancel(session.location, descriptor.digest);
        if (error instanceof SourceFailure) throw error.cause;
        if (!isTransient(error)) throw error;
        if (!(await budget.again())) throw this.#uploadFailed(descriptor, error, budget.attempt);
      }
    }
  }

  #uploadFailed(descriptor: Descriptor, error: unknown, attempts: number): RegistryError {
    const reason = (error instanceof Error ? error.message : String(error)).replace(
      / \(credentials: .*\)$/,
      '',
    );
    return new RegistryError(
      error instanceof RegistryError ? error.kind : 'server',
      `upload of blob ${descriptor.digest} to registry ${this.registry} failed ${attempts} time${attempts === 1 ? '' : 's'}: ${reason}`,
      this.client.context(this.path, descriptor.digest),
      {
        fix: `retry later; check registry ${this.registry} and any proxy in front of it`,
        status: error instanceof RegistryError ? error.status : undefined,
        code: error instanceof RegistryError ? error.code : undefined,
        cause: error,
      },
    );
  }

  async mountBlob(descriptor: Descriptor, from: ImageRepository): Promise<boolean> {
    checkDigest(this, descriptor.digest);
    if (!(from instanceof RegistryRepository) || from.registry !== this.registry) return false;
    if (from.path === this.path) return this.hasBlob(descriptor.digest);
    const query = new URLSearchParams({ mount: descriptor.digest, from: from.path });
    const request: RegistryRequest = {
      method: 'POST',
      repository: this.path,
      resource: `blobs/uploads/?${query.toString()}`,
      reference: descriptor.digest,
      actions: ['pull', 'push'],
      what: `mount of blob ${descriptor.digest} from ${from.path}`,
    };
    const response = await this.client.request(request);
    if (response.status === 201) {
      await response.discard();
      return true;
    }
    if (response.status === 202) {
      await response.discard();
      // Not mounted (the source lacks it, or this token may not read it): the registry opened an upload
      // session instead, which the caller does not use.
      const location = response.headers.get('location');
      if (location !== null) await this.#cancel(location, descriptor.digest);
      return false;
    }
    throw await this.#pushError(response, request);
  }

  async listTags(): Promise<string[]> {
    const tags: string[] = [];
    let resource: string | undefined =
      `tags/list${this.#pageSize === undefined ? '' : `?n=${this.#pageSize}`}`;
    for (let page = 0; resource !== undefined; page++) {
      if (page > 100_000) throw this.#invalid(this.#tagsRequest(resource), 'tag pagination does not end');
      const request = this.#tagsRequest(resource);
      const response = await this.client.request(request);
      if (response.status === 404) {
        const errors = await readDistributionErrors(response);
        if (errors.some((entry) => entry.code === 'NAME_UNKNOWN') || page === 0) return tags;
        throw this.#invalid(request, 'the next page of tags is gone');
      }
      if (!response.ok) throw await this.client.errorFor(response, request);
      const bytes = await readBoundedAnswer(this.client, response, request, TAG_LIST_BOUND);
      const body = parseJson(bytes);
      if (!isRecord(body)) throw this.#invalid(request, 'the tag list is not a JSON object');
      if (Array.isArray(body.tags)) {
        for (const tag of body.tags) if (typeof tag === 'string') tags.push(tag);
      }
      const next = nextLink(response.headers.get('link'));
      resource = next === undefined ? undefined : this.#resourceOf(next, request);
    }
    return tags;
  }

  async referrers(digest: string, artifactType?: string): Promise<Descriptor[]> {
    checkDigest(this, digest);
    if (this.#referrersApi !== false) {
      const query = artifactType === undefined ? '' : `?${new URLSearchParams({ artifactType }).toString()}`;
      const request: RegistryRequest = {
        method: 'GET',
        repository: this.path,
        resource: `referrers/${digest}${query}`,
        reference: digest,
        headers: { Accept: OCI_IMAGE_INDEX },
        what: `referrers of ${digest}`,
      };
      const response = await this.client.request(request);
      const type = contentType(response);
      if (response.ok && (type === OCI_IMAGE_INDEX || type === 'application/json')) {
        this.#referrersApi = true;
        // A referrers list is an index: it has a manifest's bound.
        const bytes = await readBoundedAnswer(this.client, response, request);
        const parsed = parseManifest(bytes, OCI_IMAGE_INDEX, `${this.name} referrers of ${digest}`);
        const all = parsed.kind === 'index' ? [...parsed.manifests] : [];
        const filtered = (response.headers.get('oci-filters-applied') ?? '').includes('artifactType');
        return artifactType === undefined || filtered
          ? all
          : all.filter((entry) => entry.artifactType === artifactType);
      }
      await response.discard();
      // 404 (distribution 2.8 has no such route), 400, 405: no referrers API here.
      if (response.status >= 500) throw await this.client.errorFor(response, request);
      this.#referrersApi = false;
    }
    const fallback = await this.getManifest(referrersTag(digest));
    if (fallback === undefined) return [];
    let parsed: ParsedManifest;
    try {
      parsed = parseManifest(fallback.bytes, fallback.mediaType);
    } catch {
      return [];
    }
    if (parsed.kind !== 'index') return [];
    return artifactType === undefined
      ? [...parsed.manifests]
      : parsed.manifests.filter((entry) => entry.artifactType === artifactType);
  }

  /** Opens a session; `digest` is only for messages (startUpload opens one before the blob is known). */
  async #startUpload(digest?: string): Promise<string> {
    const request: RegistryRequest = {
      method: 'POST',
      repository: this.path,
      resource: 'blobs/uploads/',
      reference: digest,
      actions: ['pull', 'push'],
      what: digest === undefined ? 'a new upload session' : `upload of blob ${digest}`,
    };
    const response = await this.client.request(request);
    if (response.status !== 202) throw await this.#pushError(response, request);
    await response.discard();
    return this.#location(response, request);
  }

  /**
   * Sends the bytes. Their digest is not computed here: the registry computes it and refuses the final
   * PUT when it differs (DIGEST_INVALID). That check is what lets a copy read its source unhashed.
   */
  async #upload(session: UploadSession, descriptor: Descriptor, content: BlobContent): Promise<void> {
    const chunkSize = this.#chunkSize ?? SINGLE_REQUEST_LIMIT;
    const single =
      descriptor.size > chunkSize && this.#chunkSize === undefined
        ? await this.#streamPatch(session, descriptor, content)
        : await this.#chunkPatches(session, descriptor, content, chunkSize);
    const request = this.#sessionRequest(session, 'PUT', descriptor.digest, {
      'Content-Type': 'application/octet-stream',
    });
    const response = await this.#bulk.request({ ...request, body: single ?? new Uint8Array(0) });
    if (response.status === 404 || response.status === 416) {
      await response.discard();
      throw new RestartUpload(`the registry answered ${response.status} to the upload's final PUT`);
    }
    if (response.status !== 201 && response.status !== 204) throw await this.#pushError(response, request);
    await response.discard();
    session.location = undefined;
    const answered = response.headers.get('docker-content-digest');
    if (answered !== null && answered !== '' && answered !== descriptor.digest) {
      throw this.#mismatch(request, descriptor.digest, answered);
    }
  }

  /** Sends the whole blob in one PATCH, as it is read. */
  async #streamPatch(
    session: UploadSession,
    descriptor: Descriptor,
    content: BlobContent,
  ): Promise<undefined> {
    const size = descriptor.size;
    let sent = 0;
    // What broke the source (a download cut off, a digest that does not match) is the error to report,
    // not the aborted request it causes.
    let sourceFailure: unknown;
    const tooLong = () => this.#tooLong(descriptor);
    const counted = (async function* () {
      try {
        for await (const piece of content.stream) {
          sent += piece.byteLength;
          if (sent > size) throw tooLong();
          yield piece;
        }
      } catch (error) {
        sourceFailure = error;
        throw error;
      }
    })();
    const request = this.#sessionRequest(session, 'PATCH', descriptor.digest, {
      'Content-Type': 'application/octet-stream',
    });
    let response: HttpResponse;
    try {
      response = await this.#bulk.request({
        ...request,
        body: { stream: counted, length: size },
      });
    } catch (error) {
      throw sourceFailure ?? (sent < size ? this.#wrongLengthOr(descriptor, sent, error) : error);
    }
    if (sourceFailure !== undefined) {
      await response.discard();
      throw sourceFailure;
    }
    if (response.status === 401 || response.status === 404 || response.status === 416) {
      await response.discard();
      throw new RestartUpload(`the registry answered ${response.status} to the streamed PATCH`);
    }
    if (response.status !== 202 && response.status !== 204) throw await this.#pushError(response, request);
    await response.discard();
    if (sent !== size) throw this.#arrivedAs(descriptor, sent);
    session.location = this.#location(response, request);
    return undefined;
  }

  /**
   * Sends the blob in buffered pieces of `chunkSize`, each replayable; a blob that fits one piece is
   * returned for the final PUT to carry instead.
   */
  async #chunkPatches(
    session: UploadSession,
    descriptor: Descriptor,
    content: BlobContent,
    chunkSize: number,
  ): Promise<Uint8Array | undefined> {
    let offset = 0;
    let single: Uint8Array | undefined;
    // Reading the next chunk goes on while this one is sent: download and upload overlap.
    for await (const chunk of readAhead(chunks(content.stream, chunkSize))) {
      if (offset === 0 && chunk.byteLength < chunkSize && descriptor.size <= chunkSize) {
        single = chunk;
        offset = chunk.byteLength;
        continue;
      }
      if (single !== undefined) throw this.#tooLong(descriptor);
      const request = this.#sessionRequest(session, 'PATCH', descriptor.digest, {
        'Content-Type': 'application/octet-stream',
        'Content-Range': `${offset}-${offset + chunk.byteLength - 1}`,
      });
      const response = await this.#bulk.request({ ...request, body: chunk });
      if (response.status === 404 || response.status === 416) {
        await response.discard();
        throw new RestartUpload(`the registry answered ${response.status} to a chunk at offset ${offset}`);
      }
      if (response.status !== 202 && response.status !== 204) throw await this.#pushError(response, request);
      await response.discard();
      const range = response.headers.get('range');
      const end = offset + chunk.byteLength - 1;
      if (range !== null && range.replace(/^bytes=/, '') !== `0-${end}`) {
        throw new RestartUpload(`the registry holds ${range} after a chunk ending at ${end}`);
      }
      session.location = this.#location(response, request);
      offset += chunk.byteLength;
    }
    if (offset !== descriptor.size) throw this.#arrivedAs(descriptor, offset);
    return single;
  }

  #tooLong(descriptor: Descriptor): SlipwayError {
    return new SlipwayError(`blob ${descriptor.digest} is longer than its ${descriptor.size} bytes`, {
      where: this.name,
      fix: 'the source sent other bytes than its descriptor names: check the source image',
    });
  }

  #arrivedAs(descriptor: Descriptor, bytes: number): SlipwayError {
    return new SlipwayError(
      `blob ${descriptor.digest} arrived as ${bytes} bytes, not the ${descriptor.size} its descriptor names`,
      {
        where: this.name,
        fix: 'the source sent other bytes than its descriptor names: check the source image',
      },
    );
  }

  /** A stream that did not hold its announced length fails the request: say so in the blob's words. */
  #wrongLengthOr(descriptor: Descriptor, sent: number, error: unknown): unknown {
    return error instanceof BodyLengthError ? this.#arrivedAs(descriptor, sent) : error;
  }

  #sessionRequest(
    session: UploadSession,
    method: 'PATCH' | 'PUT',
    digest: string,
    headers: Record<string, string>,
  ): RegistryRequest {
    let resource = session.location ?? '';
    if (method === 'PUT') {
      const [path = '', query = ''] = resource.split('?', 2);
      const params = new URLSearchParams(query);
      params.set('digest', digest);
      resource = `${path}?${params.toString()}`;
    }
    return {
      method,
      repository: this.path,
      resource,
      reference: digest,
      actions: ['pull', 'push'],
      headers,
      what: `upload of blob ${digest}`,
    };
  }

  async #cancel(location: string, digest?: string): Promise<void> {
    try {
      const resource = location.startsWith('blobs/') ? location : this.#resourceOf(location);
      const response = await this.client.request({
        method: 'DELETE',
        repository: this.path,
        resource,
        actions: ['pull', 'push'],
        what:
          digest === undefined
            ? 'cancel of an unused upload session'
            : `cancel of the upload of blob ${digest}`,
      });
      await response.discard();
    } catch {
      // Best effort: the registry expires abandoned sessions.
    }
  }

  /** The `resource` (after `/v2/<path>/`) of a `Location` the registry answered. */
  #location(response: HttpResponse, request: RegistryRequest): string {
    const location = response.headers.get('location');
    if (location === null || location === '')
      throw this.#invalid(request, 'the answer has no Location header');
    return this.#resourceOf(location, request);
  }

  #resourceOf(location: string, request?: RegistryRequest): string {
    const base = new URL(this.client.endpoint.baseUrl);
    const url = new URL(location, base);
    const prefix = `/v2/${this.path}/`;
    if (url.origin !== base.origin || !url.pathname.startsWith(prefix)) {
      throw this.#invalid(
        request ?? { method: 'GET', repository: this.path, resource: '', what: 'a Location' },
        `the registry sent a Location outside this repository (${url.origin}${url.pathname.slice(0, 80)}), which Slipway does not follow`,
      );
    }
    return `${url.pathname.slice(prefix.length)}${url.search}`;
  }

  /**
   * The blob's body, resumed where it broke off: `Range: bytes=<read>-` and a 206 continues it; a 200 (no
   * range support) restarts it, skipping the bytes already passed on. Each resume waits on the transfer
   * backoff; when the attempts are spent, the error says how far it got and how often it tried.
   */
  async *#resumable(
    first: HttpResponse,
    request: RegistryRequest,
    digest: string,
    size: number | undefined,
  ): AsyncGenerator<Uint8Array> {
    const budget = new RetryBudget(this.#transferRetry);
    let response = first;
    let read = 0;
    let skip = 0;
    try {
      for (;;) {
        try {
          for await (const chunk of response.body) {
            let piece = chunk;
            if (skip > 0) {
              const dropped = Math.min(skip, piece.byteLength);
              skip -= dropped;
              piece = piece.subarray(dropped);
              if (piece.byteLength === 0) continue;
            }
            read += piece.byteLength;
            yield piece;
          }
          return;
        } catch (error) {
          await response.discard();
          let failure: unknown = error;
          for (;;) {
            if (!(await budget.again())) throw this.#brokeOff(digest, read, size, failure, budget.attempt);
            try {
              ({ response, skip } = await this.#resume(request, digest, read));
              break;
            } catch (resumeError) {
              if (!isTransient(resumeError)) throw resumeError;
              failure = resumeError;
            }
          }
        }
      }
    } finally {
      await response.discard();
    }
  }

  async #resume(
    request: RegistryRequest,
    digest: string,
    from: number,
  ): Promise<{ response: HttpResponse; skip: number }> {
    const ranged: RegistryRequest = { ...request, headers: { ...request.headers, Range: `bytes=${from}-` } };
    const response = await this.#bulk.request(ranged);
    if (response.status === 206) {
      const range = response.headers.get('content-range') ?? '';
      if (range.startsWith(`bytes ${from}-`)) return { response, skip: 0 };
      await response.discard();
      throw this.#invalid(
        request,
        `the registry answered range "${range.slice(0, 80)}" when asked for bytes ${from}- of blob ${digest}`,
      );
    }
    if (response.ok) return { response, skip: from };
    throw await this.#bulk.errorFor(response, request);
  }

  #brokeOff(
    digest: string,
    read: number,
    size: number | undefined,
    cause: unknown,
    attempts: number,
  ): RegistryError {
    const reason =
      cause instanceof RegistryError
        ? cause.message.replace(/ \(credentials: .*\)$/, '')
        : (networkErrorCode(cause) ?? (cause instanceof Error ? cause.message : String(cause)));
    return new RegistryError(
      'unreachable',
      `download of blob ${digest} from registry ${this.registry} broke off after ${read}${size === undefined ? '' : ` of ${size}`} bytes, ${attempts} attempt${attempts === 1 ? '' : 's'} (${reason})`,
      this.client.context(this.path, digest),
      {
        fix: `retry later; check the network between here and registry ${this.registry} and any proxy in front of it`,
        cause,
      },
    );
  }

  async *#verified(
    stream: AsyncIterable<Uint8Array>,
    digest: string,
    size: number | undefined,
    verify: boolean,
  ): AsyncGenerator<Uint8Array> {
    const algorithm = digestAlgorithm(digest) ?? 'sha256';
    const hash = verify ? createDigestHash(algorithm) : undefined;
    let read = 0;
    for await (const chunk of stream) {
      hash?.update(chunk);
      read += chunk.byteLength;
      yield chunk;
    }
    const actual = hash === undefined ? digest : `${algorithm}:${hash.digest('hex')}`;
    if (actual !== digest || (size !== undefined && read !== size)) {
      throw new RegistryError(
        'digest-mismatch',
        hash === undefined
          ? `registry ${this.registry} sent ${read} bytes for blob ${digest}, announcing ${size}`
          : `registry ${this.registry} sent ${read} bytes hashing to ${actual} for blob ${digest}`,
        this.client.context(this.path, digest),
        { fix: 'the registry or a proxy in between alters blobs: fix that, then copy again' },
      );
    }
  }

  #manifestRequest(method: 'GET' | 'HEAD', reference: string): RegistryRequest {
    return {
      method,
      repository: this.path,
      resource: `manifests/${reference}`,
      reference,
      headers: { Accept: `${MANIFEST_ACCEPT}, application/vnd.oci.artifact.manifest.v1+json` },
      what: `manifest ${reference}`,
    };
  }

  #blobRequest(method: 'GET' | 'HEAD', digest: string): RegistryRequest {
    return {
      method,
      repository: this.path,
      resource: `blobs/${digest}`,
      reference: digest,
      what: `blob ${digest}`,
    };
  }

  #tagsRequest(resource: string): RegistryRequest {
    return { method: 'GET', repository: this.path, resource, what: 'tag list' };
  }

  async #pushError(response: HttpResponse, request: RegistryRequest): Promise<RegistryError> {
    const error = await this.client.errorFor(response, request);
    if (error.kind === 'denied') {
      return new RegistryError(
        'denied',
        error.message.replace(/ \(credentials: .*\)$/, ''),
        this.client.context(this.path, request.reference),
        {
          status: error.status,
          code: error.code,
          fix: `use credentials with push access to "${this.path}" on ${this.registry}`,
        },
      );
    }
    if (error.code === 'DIGEST_INVALID' && request.what.startsWith('upload of blob')) {
      return new RegistryError(
        'digest-mismatch',
        `registry ${this.registry} refused blob ${request.reference}: the bytes sent do not hash to it`,
        this.client.context(this.path, request.reference),
        {
          status: error.status,
          code: error.code,
          fix: 'the source sent other bytes than its descriptor names: check the source image',
        },
      );
    }
    if (error.code === 'MANIFEST_BLOB_UNKNOWN' || error.code === 'BLOB_UNKNOWN') {
      return new RegistryError(
        'invalid-response',
        error.message.replace(/ \(credentials: .*\)$/, ''),
        this.client.context(this.path, request.reference),
        {
          status: error.status,
          code: error.code,
          fix: 'push every blob and child manifest before the manifest that names them',
        },
      );
    }
    return error;
  }

  #mismatch(request: RegistryRequest, expected: string, actual: string): RegistryError {
    return new RegistryError(
      'digest-mismatch',
      `registry ${this.registry} answered digest ${actual} for ${request.what}, expected ${expected}`,
      this.client.context(this.path, request.reference),
      { fix: 'the registry or a proxy in between alters manifests: fix that, or pass a digest you trust' },
    );
  }

  #invalid(request: RegistryRequest, message: string): RegistryError {
    return new RegistryError('invalid-response', message, this.client.context(this.path, request.reference), {
      fix: 'check that the address is a container registry (distribution API /v2/)',
    });
  }
}

interface UploadSession {
  location: string | undefined;
}

/** What broke the source of an upload (its `open`, its stream): passed on, not retried by the upload. */
class SourceFailure extends Error {
  override readonly name = 'SourceFailure';
  constructor(cause: unknown) {
    super('the blob source failed', { cause });
  }
}

/** The content `open` gives, with any failure of it marked as the source's. */
async function fromSource(open: () => Promise<BlobContent>): Promise<BlobContent> {
  let content: BlobContent;
  try {
    content = await open();
  } catch (error) {
    throw new SourceFailure(error);
  }
  const stream = content.stream;
  return {
    size: content.size,
    stream: (async function* () {
      try {
        yield* stream;
      } catch (error) {
        throw error instanceof SourceFailure ? error : new SourceFailure(error);
      }
    })(),
  };
}

/** An upload the registry lost track of: start again. */
class RestartUpload extends Error {
  override readonly name = 'RestartUpload';
}

function isTransient(error: unknown): boolean {
  if (error instanceof RestartUpload) return true;
  return error instanceof RegistryError && (error.kind === 'server' || error.kind === 'unreachable');
}

/** Yields what `source` yields, already asking for the next item while the caller works on this one. */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  let done = false;
  try {
    for (;;) {
      const result = await pending;
      if (result.done === true) {
        done = true;
        return;
      }
      pending = iterator.next();
      // Its failure is seen at the next await; until then it must not count as unhandled.
      pending.catch(() => {});
      yield result.value;
    }
  } finally {
    if (!done) await iterator.return?.(undefined).catch(() => {});
  }
}

/** Re-cuts a stream into pieces of exactly `size` bytes (the last one shorter). */
async function* chunks(stream: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  for await (const piece of stream) {
    let offset = 0;
    while (offset < piece.byteLength) {
      const take = Math.min(size - filled, piece.byteLength - offset);
      buffer.set(piece.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === size) {
        yield buffer;
        buffer = Buffer.allocUnsafe(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield buffer.subarray(0, filled);
}

function checkReference(repository: RegistryRepository, reference: string): string | undefined {
  if (reference.includes(':')) return checkDigest(repository, reference);
  if (!/^[\w][\w.-]{0,127}$/.test(reference)) {
    throw new SlipwayError(`"${reference.slice(0, 80)}" is not a valid tag`, {
      where: repository.name,
      fix: 'a tag is 1 to 128 letters, digits, "_", "." and "-", not starting with "." or "-"',
    });
  }
  return undefined;
}

function checkDigest(repository: RegistryRepository, digest: string): string {
  if (!isVerifiableDigest(digest)) {
    throw new SlipwayError(`"${digest.slice(0, 80)}" is not a sha256 or sha512 digest`, {
      where: repository.name,
      fix: 'pass a digest as `sha256:` followed by 64 lowercase hex digits',
    });
  }
  return digest;
}

/** The `rel="next"` target of a `Link` header. */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (match !== null && /\brel\s*=\s*"?next"?/i.test(match[2] ?? '')) return match[1];
  }
  return undefined;
}

/** The parsed JSON, or `undefined` for bytes that are not JSON. */
function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
}

function contentType(response: HttpResponse): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
}
